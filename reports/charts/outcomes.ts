// Outcome charts: how reasoning length relates to correctness, and how often samples are cut off
// or end without an answer.
import type { RunStore } from '../../runners/store.ts';
import type { RunResults } from '../../types.ts';
import { scoreIndex } from '../items.ts';
import { Plot, chart, noChart } from './plot.ts';

const OUTCOMES = ['correct', 'wrong', 'truncated', 'no-answer', 'error'];
const COLORS = ['#2f9e44', '#e8590c', '#7048e8', '#adb5bd', '#212529'];

export interface LengthPoint {
  suite: string;
  tokens: number;
  outcome: string;
}

/** One point per sample with a token count: reasoning tokens where known, else completion tokens. */
export function lengthPoints(store: RunStore, suiteIds: string[]): LengthPoint[] {
  const out: LengthPoint[] = [];
  for (const suite of suiteIds) {
    const scores = scoreIndex(store, suite);
    for (const c of store.completions(suite, { texts: false })) {
      const tokens = c.usage?.reasoningTokens ?? c.usage?.completionTokens;
      if (tokens === undefined) continue;
      const s = scores.get(`${c.itemId}\u0000${c.sample}`);
      // Scorers mark an unanswered sample correct: false with verdict 'no-answer': the verdict decides, not the flag.
      const outcome =
        c.error || s?.verdict === 'error' ? 'error'
        : s?.verdict === 'truncated' || c.finishReason === 'length' ? 'truncated'
        : !s || s.verdict === 'no-answer' || s.correct === null ? 'no-answer'
        : s.correct ? 'correct' : 'wrong';
      out.push({ suite, tokens, outcome });
    }
  }
  return out;
}

export function lengthCharts(points: LengthPoint[]): string[] {
  const title = 'Reasoning length vs correctness';
  if (!points.length) return [noChart(title, 'No sample recorded its token usage.')];
  const color = { domain: OUTCOMES, range: COLORS, legend: true };
  const x = { label: 'reasoning tokens per sample' };
  return [
    chart(`${title} (samples)`, {
      height: 280, x, y: { grid: true, label: 'samples' }, color,
      marks: [Plot.rectY(points, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'tokens', fill: 'outcome', thresholds: 30 })), Plot.ruleY([0])],
    }),
    chart(
      `${title} (share of each length bin)`,
      {
        height: 280, x, y: { grid: true, label: 'share', tickFormat: '.0%' }, color,
        marks: [Plot.rectY(points, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'tokens', fill: 'outcome', thresholds: 30, offset: 'normalize' })), Plot.ruleY([0])],
      },
      'Long reasoning that ends wrong or cut off is the usual sign of a model going in circles.',
    ),
  ];
}

export function ratesChart(r: RunResults): string {
  const title = 'Truncation and no-answer rates';
  const rows = r.suites.flatMap((s) => [
    { suite: s.id, kind: 'truncated', rate: s.truncatedRate },
    { suite: s.id, kind: 'no answer', rate: s.noAnswerRate },
    { suite: s.id, kind: 'errors', rate: s.items * s.samplesPerItem ? s.errors / (s.items * s.samplesPerItem) : 0 },
  ]);
  if (!rows.length) return noChart(title, 'No suites.');
  return chart(title, {
    marginLeft: 80,
    marginRight: 150,
    height: 60 + r.suites.length * 60,
    x: { tickFormat: '.1%', grid: true, label: 'share of samples', domain: [0, Math.max(0.05, ...rows.map((d) => d.rate))] },
    y: { label: null },
    fy: { label: null },
    color: { domain: ['truncated', 'no answer', 'errors'], range: ['#7048e8', '#adb5bd', '#212529'], legend: true },
    marks: [
      Plot.barX(rows, { x: 'rate', y: 'kind', fy: 'suite', fill: 'kind' }),
      Plot.text(rows, { x: 'rate', y: 'kind', fy: 'suite', text: (d: any) => `${(d.rate * 100).toFixed(1)}%`, dx: 4, textAnchor: 'start' }),
    ],
  });
}
