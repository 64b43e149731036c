// Compare runs: per suite and metric, side by side, with the paired difference on the items both
// runs share (each item's own value of the metric, reduced as for results.json), and the items that flipped.
import type { PairedDiff } from '../scorers/index.ts';
import type { Metric, MetricId } from '../types.ts';
import { ReportInputError } from './errors.ts';
import { pairedMetricDiff } from './item-metrics.ts';
import { itemOutcomes } from './items.ts';
import { runLabel, withRuns, type LoadedRun } from './load-run.ts';
import { summarizePerf } from './perf.ts';
import { deploymentDifferences, deploymentSummary } from './deployment.ts';

export type Verdict = 'better' | 'worse' | 'no detectable difference';

export interface PairResult {
  /** Indexes into Comparison.runs: the difference is runs[b] − runs[a]. */
  a: number;
  b: number;
  diff: PairedDiff | null;
  verdict: Verdict | null;
  /** Why there is no paired difference (no store, no shared items, k above the samples). */
  note?: string;
}

export interface MetricRow {
  suite: string;
  metric: MetricId;
  /** One per run, null where the run lacks this suite or metric. */
  values: (Metric | null)[];
  pairs: PairResult[];
}

export interface Flips {
  suite: string;
  a: number;
  b: number;
  /** Right in runs[a] (over half of its samples correct), wrong in runs[b] (under half). */
  rightToWrong: string[];
  wrongToRight: string[];
}

export interface PerfRow {
  name: string;
  unit: string;
  lowerIsBetter: boolean;
  values: (number | null)[];
}

export interface Comparison {
  runs: { dir: string; runId: string; model: string; label: string }[];
  metrics: MetricRow[];
  flips: Flips[];
  performance: PerfRow[];
  /** Each run's deployment checks in one line, and how each later run's deployment differed from A's. */
  deployment: { summaries: string[]; differences: string[] };
  /** Things a reader must know, e.g. suites with different content. */
  warnings: string[];
}

/** A, B, …, Z, A1, … as the rendered comparison names the runs. */
export const runLetter = (i: number) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');

const sameMetric = (m: MetricId, n: MetricId) => m.name === n.name && m.k === n.k;

export const verdictOf = (d: PairedDiff): Verdict => (d.ci95[0] > 0 ? 'better' : d.ci95[1] < 0 ? 'worse' : 'no detectable difference');

function comparePerformance(runs: LoadedRun[]): PerfRow[] {
  const perf = runs.map((r) => summarizePerf(r.store));
  const row = (name: string, unit: string, lowerIsBetter: boolean, get: (i: number) => number | null | undefined): PerfRow => ({
    name, unit, lowerIsBetter, values: perf.map((_, i) => get(i) ?? null),
  });
  return [
    row('TTFT p50', 'ms', true, (i) => perf[i]!.performance?.ttftMs?.p50),
    row('TTFT p95', 'ms', true, (i) => perf[i]!.performance?.ttftMs?.p95),
    row('TTFA p50', 'ms', true, (i) => perf[i]!.performance?.ttfaMs?.p50),
    row('TTFA p95', 'ms', true, (i) => perf[i]!.performance?.ttfaMs?.p95),
    row('TPOT p50', 'ms', true, (i) => perf[i]!.performance?.tpotMs?.p50),
    row('TPOT p95', 'ms', true, (i) => perf[i]!.performance?.tpotMs?.p95),
    row('output tokens/s', 'tok/s', false, (i) => perf[i]!.performance?.outputTokensPerSec),
    row('requests/s', 'req/s', false, (i) => perf[i]!.performance?.requestsPerSec),
    row('peak memory', 'MB', true, (i) => perf[i]!.peakMemoryMb),
  ];
}

/**
 * Suites scored with different scorer versions in different runs: their verdicts follow different
 * rules, so they are not compared. Each names the fix: re-score the older runs from their stores.
 */
export function scorerVersionConflicts(runs: readonly Pick<LoadedRun, 'dir' | 'results'>[]): string[] {
  const out: string[] = [];
  const suiteIds = [...new Set(runs.flatMap((r) => r.results.suites.map((s) => s.id)))];
  for (const id of suiteIds) {
    const per = runs.flatMap((r) => r.results.suites.filter((s) => s.id === id).map((s) => ({ dir: r.dir, s })));
    const newest = Math.max(...per.map((x) => x.s.scorerVersion));
    const older = per.filter((x) => x.s.scorerVersion !== newest);
    if (older.length)
      out.push(`${id}: scored with ${per[0]!.s.scorer} scorer versions ${[...new Set(per.map((x) => x.s.scorerVersion))].sort().join(' and ')}: re-score the older run${older.length > 1 ? 's' : ''} with ${older.map((x) => `\`r1bench score ${x.dir}\``).join(', ')} (no request is sent)`);
  }
  return out;
}

export function compareLoaded(runs: LoadedRun[], opts: { force?: boolean } = {}): Comparison {
  const warnings: string[] = [];
  const conflicts = scorerVersionConflicts(runs);
  if (conflicts.length && !opts.force) throw new ReportInputError(`runs are not comparable: ${conflicts.join('; ')}; or pass --force to compare anyway`);
  warnings.push(...conflicts.map((c) => `compared with --force: ${c}`));
  for (const r of runs)
    for (const s of r.results.suites)
      if ((s.missingSamples ?? 0) > 0) warnings.push(`${s.id} in ${r.dir} is a partial run: ${s.missingSamples} samples missing, its numbers cover ${s.items} of ${s.plannedItems ?? '?'} items`);
  const differences = runs.slice(1).flatMap((r, i) =>
    deploymentDifferences(runs[0]!.results.deployment, r.results.deployment, ['A', runLetter(i + 1)]));
  if (differences.length) warnings.push(`the deployments differed: ${differences.join('; ')}`);
  const suiteIds = [...new Set(runs.flatMap((r) => r.results.suites.map((s) => s.id)))];
  const outcomes = runs.map((r) => new Map(suiteIds.map((id) => [id, r.store ? itemOutcomes(r.store, id) : null])));
  const metrics: MetricRow[] = [];
  const flips: Flips[] = [];
  for (const suite of suiteIds) {
    const per = runs.map((r) => r.results.suites.find((s) => s.id === suite) ?? null);
    const hashes = new Set(per.filter(Boolean).map((s) => s!.contentHash));
    if (hashes.size > 1) warnings.push(`${suite}: the runs used different suite content (content hashes differ); only shared item ids are paired`);
    const ids: MetricId[] = [];
    for (const s of per) for (const m of s?.metrics ?? []) if (!ids.some((x) => sameMetric(x, m))) ids.push({ name: m.name, k: m.k });
    for (const metric of ids) {
      const values = per.map((s) => s?.metrics.find((m) => sameMetric(m, metric)) ?? null);
      const pairs: PairResult[] = [];
      for (let a = 0; a < runs.length; a++)
        for (let b = a + 1; b < runs.length; b++) {
          const oa = outcomes[a]!.get(suite), ob = outcomes[b]!.get(suite);
          if (!per[a] || !per[b]) pairs.push({ a, b, diff: null, verdict: null, note: 'suite missing in one run' });
          else if (!oa || !ob) pairs.push({ a, b, diff: null, verdict: null, note: 'no stored verdicts (store.sqlite missing)' });
          else {
            const diff = pairedMetricDiff({ outcomes: oa, suite: per[a]! }, { outcomes: ob, suite: per[b]! }, metric);
            pairs.push(diff ? { a, b, diff, verdict: verdictOf(diff) } : { a, b, diff: null, verdict: null, note: 'no shared items with this metric' });
          }
        }
      metrics.push({ suite, metric, values, pairs });
    }
    for (let a = 0; a < runs.length; a++)
      for (let b = a + 1; b < runs.length; b++) {
        const oa = outcomes[a]!.get(suite), ob = outcomes[b]!.get(suite);
        if (!oa || !ob) continue;
        const f: Flips = { suite, a, b, rightToWrong: [], wrongToRight: [] };
        for (const [id, x] of oa) {
          const y = ob.get(id);
          if (!y) continue;
          if (x.mean > 0.5 && y.mean < 0.5) f.rightToWrong.push(id);
          else if (x.mean < 0.5 && y.mean > 0.5) f.wrongToRight.push(id);
        }
        flips.push(f);
      }
  }
  return {
    runs: runs.map((r) => ({ dir: r.dir, runId: r.results.runId, model: r.results.model, label: runLabel(r.results) })),
    metrics,
    flips,
    performance: comparePerformance(runs),
    deployment: { summaries: runs.map((r) => deploymentSummary(r.results.deployment)), differences },
    warnings,
  };
}

/** Loads the runs, compares them, closes them. The first run is the reference ("A"). */
export function compareRuns(dirs: string[], opts: { force?: boolean } = {}): Comparison {
  if (dirs.length < 2) throw new ReportInputError(`compare: needs at least two run directories, got ${dirs.length}`);
  return withRuns(dirs, (runs) => compareLoaded(runs, opts));
}
