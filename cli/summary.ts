// The summary table printed at the end of a run or a re-score.
import type { Metric, RunResults } from '../types.ts';
import { answerRoutesText, truncatedWithBoxText } from '../reports/answer-routes.ts';
import { ratingText } from '../scorers/rating.ts';
import { clientLoadWarning, type ClientLoad } from '../hardware-profiles/index.ts';

const pct = (x: number) => `${(100 * x).toFixed(1)}`;

export function metricLabel(m: Pick<Metric, 'name' | 'k'>): string {
  return `${m.name}@${m.k}`;
}

/** "± 1.2  95% CI [40.1, 45.0]", or "(one item: no interval)" where results.json holds nulls. */
function interval(m: Pick<Metric, 'stderr' | 'ci95'>): string {
  const se = m.stderr === null || m.stderr === undefined ? '' : `± ${pct(m.stderr)}  `;
  return m.ci95 ? `${se}95% CI [${pct(m.ci95[0])}, ${pct(m.ci95[1])}]` : `${se}95% CI n/a (one item: no interval)`;
}

export function summaryTable(results: RunResults): string {
  const lines: string[] = [`model ${results.model}  run ${results.runId}`];
  for (const s of results.suites) {
    lines.push('');
    lines.push(`${s.id}: ${s.items} items × ${s.samplesPerItem} samples`);
    const shown = s.metrics.filter((m) => m.k === 1 || m.k === s.samplesPerItem || m.name === 'cons');
    const unique = shown.filter((m, i) => shown.findIndex((x) => x.name === m.name && x.k === m.k) === i);
    for (const m of unique) lines.push(`  ${metricLabel(m).padEnd(10)} ${pct(m.value).padStart(5)}%  ${interval(m)}`);
    if (s.macroMetrics?.length) lines.push(`  macro pass@1 over subjects ${pct(s.macroMetrics[0]!.value)}%  ${interval(s.macroMetrics[0]!)}`);
    if (s.rating) lines.push(`  estimated rating ${ratingText(s.rating)}`);
    if (s.verdicts) lines.push(`  verdicts ${Object.entries(s.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (s.skipped?.count) lines.push(`  skipped ${s.skipped.count} (${s.skipped.reason})`);
    lines.push(`  truncated ${pct(s.truncatedRate)}%  no answer ${pct(s.noAnswerRate)}%  errors ${s.errors}`);
    const routes = answerRoutesText(s);
    if (routes) lines.push(`  ${routes}`);
    const boxed = truncatedWithBoxText(s);
    if (boxed) lines.push(`  warning: ${boxed}`);
    if (s.missingSamples)
      lines.push(`  warning: incomplete run: ${s.missingSamples} samples not stored; the numbers cover ${s.items} of ${s.plannedItems} items (resume to finish)`);
    if (s.overMaxTokens) lines.push(`  warning: ${s.overMaxTokens} samples are longer than max_tokens (the server ignored the limit)`);
  }
  const perf = results.performance as { client?: ClientLoad; ttftMs?: { p50: number } | null } | undefined;
  const client = clientLoadWarning(perf?.client, perf?.ttftMs?.p50);
  if (client) lines.push('', `warning: ${client}`);
  return lines.join('\n');
}
