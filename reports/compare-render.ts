// The three faces of a comparison: a terminal table, a self-contained HTML page, JSON.
import { runLetter as letter, type Comparison, type PairResult } from './compare.ts';
import { Plot, chart, noChart } from './charts/plot.ts';
import { ciText, esc, num, page, pct, raw, section, table } from './html.ts';
import { metricLabel as metricName } from './item-metrics.ts';
import { textTable } from './text-table.ts';

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
const diffText = (p: PairResult) => (p.diff ? `${pts(p.diff.meanDiff)} pts [${pts(p.diff.ci95[0])}, ${pts(p.diff.ci95[1])}]` : '–');
const FLIPS_SHOWN = 20;

export function renderCompareText(c: Comparison): string {
  const out: string[] = ['Runs:'];
  c.runs.forEach((r, i) => out.push(`  ${letter(i)}  ${r.label}  ${r.dir}  (deployment checks: ${c.deployment.summaries[i]})`));
  for (const w of c.warnings) out.push(`warning: ${w}`);
  out.push('', textTable(['suite', 'metric', ...c.runs.map((_, i) => letter(i))], c.metrics.map((m) => [m.suite, metricName(m.metric), ...m.values.map((v) => (v ? pct(v.value) : '–'))])));
  const diffs = c.metrics.flatMap((m) =>
    m.pairs.map((p) => [m.suite, metricName(m.metric), `${letter(p.b)}−${letter(p.a)}`, diffText(p), p.diff ? (p.diff.stderr * 100).toFixed(2) : '–', p.diff ? String(p.diff.n) : '–', p.verdict ?? p.note ?? '']),
  );
  out.push('', 'Paired differences (items both runs share; each item its own value of the metric, e.g. pass@1 the share of its samples right; pts = percentage points):');
  out.push(textTable(['suite', 'metric', 'pair', 'difference [95% CI]', 'stderr', 'items', 'verdict'], diffs));
  out.push('', 'Performance:', textTable(['metric', ...c.runs.map((_, i) => letter(i))], c.performance.map((p) => [`${p.name} (${p.unit})`, ...p.values.map((v) => num(v, p.unit === 'req/s' ? 3 : 1))])));
  for (const f of c.flips) {
    if (!f.rightToWrong.length && !f.wrongToRight.length) continue;
    const list = (ids: string[]) => ids.slice(0, FLIPS_SHOWN).join(', ') + (ids.length > FLIPS_SHOWN ? ` … (+${ids.length - FLIPS_SHOWN})` : '');
    out.push('', `Flipped items in ${f.suite}, ${letter(f.a)} → ${letter(f.b)}:`);
    if (f.rightToWrong.length) out.push(`  right in ${letter(f.a)}, wrong in ${letter(f.b)} (${f.rightToWrong.length}): ${list(f.rightToWrong)}`);
    if (f.wrongToRight.length) out.push(`  wrong in ${letter(f.a)}, right in ${letter(f.b)} (${f.wrongToRight.length}): ${list(f.wrongToRight)}`);
  }
  return out.join('\n') + '\n';
}

export function renderCompareJson(c: Comparison): string {
  return JSON.stringify(c, null, 2) + '\n';
}

function diffChart(c: Comparison): string {
  const rows = c.metrics.flatMap((m) =>
    m.pairs.filter((p) => p.diff).map((p) => ({ what: `${m.suite} ${metricName(m.metric)} (${letter(p.b)}−${letter(p.a)})`, d: p.diff!.meanDiff, lo: p.diff!.ci95[0], hi: p.diff!.ci95[1], verdict: p.verdict! })),
  );
  const title = 'Paired differences with 95% intervals';
  if (!rows.length) return noChart(title, 'No paired differences could be computed.');
  return chart(title, {
    marginLeft: 230,
    height: 60 + rows.length * 26,
    x: { tickFormat: '+.0%', grid: true, label: 'difference (later run − earlier run)' },
    y: { label: null },
    color: { domain: ['better', 'worse', 'no detectable difference'], range: ['#067647', '#b42318', '#98a2b3'], legend: true },
    marks: [Plot.ruleX([0], { stroke: '#333' }), Plot.ruleY(rows, { y: 'what', x1: 'lo', x2: 'hi', stroke: 'verdict', strokeWidth: 3 }), Plot.dot(rows, { x: 'd', y: 'what', fill: 'verdict', r: 5 })],
  });
}

export function renderCompareHtml(c: Comparison): string {
  const cls = (v: string | null) => (v === 'better' ? 'better' : v === 'worse' ? 'worse' : 'same');
  const runs = table(['', 'model', 'run', 'directory', 'deployment checks'], c.runs.map((r, i) => [letter(i), r.model, r.runId, r.dir, c.deployment.summaries[i]!]));
  const values = table(['suite', 'metric', ...c.runs.map((_, i) => letter(i))], c.metrics.map((m) => [m.suite, metricName(m.metric), ...m.values.map((v) => (v ? `${pct(v.value)} ${ciText(v.ci95)}` : '–'))]), { sortable: true, id: 'values' });
  const diffs = table(
    ['suite', 'metric', 'pair', 'difference [95% CI] (pts)', 'stderr (pts)', 'items', 'verdict'],
    c.metrics.flatMap((m) => m.pairs.map((p) => [m.suite, metricName(m.metric), `${letter(p.b)}−${letter(p.a)}`, diffText(p), p.diff ? (p.diff.stderr * 100).toFixed(2) : '–', p.diff?.n ?? '–', raw(`<span class="${cls(p.verdict)}">${esc(p.verdict ?? p.note ?? '')}</span>`)])),
    { sortable: true, id: 'diffs' },
  );
  const perf = table(['metric', ...c.runs.map((_, i) => letter(i))], c.performance.map((p) => [`${p.name} (${p.unit})`, ...p.values.map((v) => num(v, p.unit === 'req/s' ? 3 : 1))]), { id: 'perf' });
  const flips = c.flips
    .filter((f) => f.rightToWrong.length || f.wrongToRight.length)
    .map((f) => `<h3>${esc(f.suite)}: ${letter(f.a)} → ${letter(f.b)}</h3>` + `<details><summary>right in ${letter(f.a)}, wrong in ${letter(f.b)}: ${f.rightToWrong.length}</summary><p>${f.rightToWrong.map(esc).join(', ')}</p></details>` + `<details><summary>wrong in ${letter(f.a)}, right in ${letter(f.b)}: ${f.wrongToRight.length}</summary><p>${f.wrongToRight.map(esc).join(', ')}</p></details>`)
    .join('');
  const body = [
    `<h1>r1bench compare</h1>`,
    c.warnings.length ? `<ul class="worse">${c.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '',
    section('Runs', runs),
    section('Scores side by side', values),
    section('Paired differences', `<p class="muted small">Computed on the items both runs share; each item counts with its own value of the metric (for pass@1, the share of its samples that are right). "better"/"worse": the 95% interval excludes zero.</p>` + diffs + `<div class="charts">${diffChart(c)}</div>`),
    section('Performance', perf),
    section('Flipped items', flips || '<p class="muted">No item flipped.</p>'),
  ];
  return page('r1bench compare', body.join('\n'));
}
