// Score charts: headline score per suite with 95% intervals and the model card's marks, and how
// pass@k and cons@k grow with k (what more sampling buys).
import type { RunResults } from '../../types.ts';
import { metricLabel as metricName } from '../item-metrics.ts';
import { MODEL_CARD_LABEL, publishedScore } from '../model-card.ts';
import { Plot, chart, noChart } from './plot.ts';

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
/** An interval's ends for drawing; a metric with none (one item) draws as a point. */
const ends = (m: { value: number; ci95: [number, number] | null }) => (m.ci95 ? { lo: clamp01(m.ci95[0]), hi: clamp01(m.ci95[1]), hasCi: true } : { lo: m.value, hi: m.value, hasCi: false });

export function scorePerSuiteChart(r: RunResults): string {
  const title = 'Score per suite (headline metric, 95% interval)';
  const rows = r.suites
    .filter((s) => s.metrics.length > 0)
    .map((s) => {
      const m = s.metrics[0]!;
      return { suite: `${s.id} · ${metricName(m)}`, value: m.value, ...ends(m), ref: publishedScore(s, m, r.model) };
    });
  if (!rows.length) return noChart(title, 'No suite has metrics yet.');
  const refs = rows.filter((d) => d.ref).map((d) => ({ suite: d.suite, value: d.ref!.value, label: d.ref!.label }));
  const series = refs.length ? ['this run', MODEL_CARD_LABEL] : ['this run'];
  return chart(
    title,
    {
      marginLeft: 170,
      height: 60 + rows.length * 34,
      x: { domain: [0, 1], tickFormat: '.0%', label: 'score', grid: true },
      y: { label: null },
      color: { domain: series, range: ['#1f5fbf', '#d9480f'], legend: true },
      marks: [
        Plot.ruleY(rows, { y: 'suite', x1: 'lo', x2: 'hi', stroke: '#1f5fbf', strokeWidth: 3, strokeOpacity: 0.45 }),
        Plot.dot(rows, { x: 'value', y: 'suite', fill: () => 'this run', r: 5, title: (d: any) => `${(d.value * 100).toFixed(1)}% ${d.hasCi ? `[${(d.lo * 100).toFixed(1)}, ${(d.hi * 100).toFixed(1)}]` : '(one item: no interval)'}` }),
        Plot.tickX(refs, { x: 'value', y: 'suite', stroke: () => MODEL_CARD_LABEL, strokeWidth: 2.5, title: 'label' }),
        Plot.text(rows, { x: 'value', y: 'suite', text: (d: any) => `${(d.value * 100).toFixed(1)}%`, dy: -11, fontSize: 11 }),
      ],
    },
    refs.length ? `${MODEL_CARD_LABEL} marks are DeepSeek's published numbers for the full benchmarks; a suite here may be a subset.` : undefined,
  );
}

export function samplingCurveChart(r: RunResults): string {
  const title = 'pass@k and cons@k as k grows';
  const rows = r.suites.flatMap((s) =>
    s.metrics
      .filter((m) => m.name === 'pass' || m.name === 'cons')
      .map((m) => ({ suite: s.id, metric: m.name === 'pass' ? 'pass@k' : 'cons@k', k: m.k, value: m.value, ...ends(m) })),
  );
  const multi = rows.filter((d) => d.k > 1);
  if (!multi.length) return noChart(title, 'Every suite ran one sample per item: no curve to draw (sample with --samples k > 1).');
  // cons@1 is pass@1: draw it so the cons curve starts where pass starts.
  const cons = rows.filter((d) => d.metric === 'cons@k');
  const starts = rows.filter((d) => d.metric === 'pass@k' && d.k === 1 && cons.some((c) => c.suite === d.suite)).map((d) => ({ ...d, metric: 'cons@k' }));
  const data = [...rows, ...starts];
  return chart(
    title,
    {
      height: 320,
      x: { type: 'log', base: 2, label: 'k (samples per item)', ticks: [...new Set(data.map((d) => d.k))] },
      y: { domain: [0, 1], tickFormat: '.0%', grid: true, label: 'score' },
      fx: { label: null },
      color: { legend: true, label: 'suite' },
      marks: [
        Plot.areaY(data, { x: 'k', y1: 'lo', y2: 'hi', fill: 'suite', z: 'suite', fx: 'metric', fillOpacity: 0.12, sort: 'k' }),
        Plot.line(data, { x: 'k', y: 'value', stroke: 'suite', z: 'suite', fx: 'metric', marker: 'circle', sort: 'k' }),
        Plot.frame({ strokeOpacity: 0.2 }),
      ],
    },
    'Shaded: 95% interval. cons@k is the majority vote over k samples; pass@k counts an item solved if any of k samples is right.',
  );
}
