// The summary table printed at the end of a run or a re-score.
import type { Metric, RunResults } from '../types.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}`;

export function metricLabel(m: Pick<Metric, 'name' | 'k'>): string {
  return `${m.name}@${m.k}`;
}

export function summaryTable(results: RunResults): string {
  const lines: string[] = [`model ${results.model}  run ${results.runId}`];
  for (const s of results.suites) {
    lines.push('');
    lines.push(`${s.id}: ${s.items} items × ${s.samplesPerItem} samples`);
    const shown = s.metrics.filter((m) => m.k === 1 || m.k === s.samplesPerItem || m.name === 'cons');
    const unique = shown.filter((m, i) => shown.findIndex((x) => x.name === m.name && x.k === m.k) === i);
    for (const m of unique) lines.push(`  ${metricLabel(m).padEnd(10)} ${pct(m.value).padStart(5)}%  ± ${pct(m.stderr)}  95% CI [${pct(m.ci95[0])}, ${pct(m.ci95[1])}]`);
    if (s.macroMetrics?.length) lines.push(`  macro pass@1 over subjects ${pct(s.macroMetrics[0]!.value)}%`);
    if (s.rating) lines.push(`  estimated rating ${Math.round(s.rating.value)}  95% CI [${Math.round(s.rating.ci95[0])}, ${Math.round(s.rating.ci95[1])}]`);
    if (s.verdicts) lines.push(`  verdicts ${Object.entries(s.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (s.skipped?.count) lines.push(`  skipped ${s.skipped.count} (${s.skipped.reason})`);
    lines.push(`  truncated ${pct(s.truncatedRate)}%  no answer ${pct(s.noAnswerRate)}%  errors ${s.errors}`);
    if (s.missingSamples)
      lines.push(`  warning: incomplete run: ${s.missingSamples} samples not stored; the numbers cover ${s.items} of ${s.plannedItems} items (resume to finish)`);
    if (s.overMaxTokens) lines.push(`  warning: ${s.overMaxTokens} samples are longer than max_tokens (the server ignored the limit)`);
  }
  return lines.join('\n');
}
