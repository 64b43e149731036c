// The CI gate: rules over a candidate run and its baseline. A drop counts only when the paired 95%
// interval lies wholly below the allowed drop, so noise cannot fail a build and a real drop does.
import { holm, pairedDiff, type PairedDiff } from '../scorers/index.ts';
import type { MetricId, SuiteResults } from '../types.ts';
import { ReportInputError } from './errors.ts';
import { NoRunError } from '../runners/store.ts';
import { ciText } from './html.ts';
import { readGateRules, type GateRules } from './gate-rules.ts';
import { metricLabel, pairedMetricDiff } from './item-metrics.ts';
import { benchOf, publishedScore, rowFor, subsetOf } from './model-card.ts';
import { itemOutcomes, type ItemOutcome } from './items.ts';
import { withRuns, type LoadedRun } from './load-run.ts';
import { summarizePerf } from './perf.ts';

export interface GateRuleResult {
  /** Short, stable name: e.g. "aime24 pass@1 drop ≤ 5 pts". */
  name: string;
  kind: 'min' | 'drop' | 'reference' | 'performance' | 'truncation';
  suite?: string;
  passed: boolean;
  /** What was measured and why it passed or failed, one line. */
  detail: string;
  observed?: number;
  limit?: number;
  diff?: PairedDiff;
}

export interface GateResult {
  /** 0 all rules pass, 1 a rule failed, 2 usage or input error (incl. runs not comparable). */
  exitCode: 0 | 1 | 2;
  rules: GateRuleResult[];
  baseline: string;
  candidate: string;
  /** Set when exitCode is 2: why the gate could not decide. */
  error?: string;
  /** Set when --force compared runs that are not comparable. */
  forced?: string[];
}

export interface GateOptions {
  baseline: string;
  candidate: string;
  rulesFile?: string;
  force?: boolean;
  /** Family-wise significance level of the default rule. */
  alpha?: number;
}

const PASS1: MetricId = { name: 'pass', k: 1 };
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;

/**
 * Why two runs may not be compared: different suite content or scorer versions. A scorer-version
 * difference names the fix: re-score the run scored with the older version (`r1bench score DIR`
 * reads its store and sends no request). `dirs` names the runs in that advice.
 */
export function incomparabilities(base: SuiteResults[], cand: SuiteResults[], dirs: { baseline: string; candidate: string } = { baseline: 'BASELINE', candidate: 'CANDIDATE' }): string[] {
  const out: string[] = [];
  for (const c of cand) {
    const b = base.find((s) => s.id === c.id);
    if (!b) continue;
    if (b.contentHash !== c.contentHash) out.push(`${c.id}: suite content differs (content hash ${b.contentHash.slice(0, 12)} vs ${c.contentHash.slice(0, 12)})`);
    if (b.scorerVersion !== c.scorerVersion) {
      const older = b.scorerVersion < c.scorerVersion ? dirs.baseline : dirs.candidate;
      out.push(`${c.id}: scorer version differs (${c.scorer} scorer ${b.scorerVersion} in the baseline, ${c.scorerVersion} in the candidate): re-score the older run with \`r1bench score ${older}\` (no request is sent)`);
    }
  }
  if (!cand.some((c) => base.some((b) => b.id === c.id))) out.push('the runs share no suite');
  return out;
}

/** Suites of a run scored before every planned sample was stored: "aime24: 12 of 60 samples missing". */
export function partialSuites(suites: readonly SuiteResults[]): string[] {
  return suites
    .filter((s) => (s.missingSamples ?? 0) > 0)
    .map((s) => `${s.id}: ${s.missingSamples} of ${(s.plannedItems ?? s.items) * s.samplesPerItem} samples missing`);
}

/** Candidate − baseline of one metric, paired on the shared items; per-item values are memoized per run and suite. */
function differ(base: LoadedRun, cand: LoadedRun) {
  const cache = new Map<string, Map<string, ItemOutcome>>();
  const outcomes = (r: LoadedRun, which: string, suite: string) => {
    const key = `${which}\u0000${suite}`;
    let o = cache.get(key);
    if (!o) cache.set(key, (o = itemOutcomes(r.store!, suite)));
    return o;
  };
  return (s: SuiteResults, metric: MetricId): PairedDiff => {
    if (!base.store || !cand.store) throw new ReportInputError(`${s.id}: both runs need store.sqlite for a paired comparison`);
    const b = base.results.suites.find((x) => x.id === s.id)!;
    const d = pairedMetricDiff({ outcomes: outcomes(base, 'base', s.id), suite: b }, { outcomes: outcomes(cand, 'cand', s.id), suite: s }, metric);
    if (!d) throw new ReportInputError(`${s.id}: cannot pair ${metricLabel(metric)} between the runs (no shared item has ${metric.k} or more samples${metric.name === 'cons' && s.scorer === 'code' ? ', and code suites have no cons@k' : ''})`);
    return d;
  };
}

function metricOf(s: SuiteResults, m: MetricId) {
  return s.metrics.find((x) => x.name === m.name && x.k === m.k);
}

/** `minOfReference`: the metric against a share of the model card's number; no matched number is bad input (exit 2), never a pass. */
function referenceRule(s: SuiteResults, metric: MetricId, m: { value: number } | undefined, share: number, model: string): GateRuleResult {
  const ref = publishedScore(s, metric, model);
  if (!ref) {
    const why = !benchOf(s.id)
      ? `suite ${s.id} is not a benchmark with a published number (use a preset such as aime24, math500, gpqa-diamond)`
      : subsetOf(s) ?? (!rowFor(model) ? `model "${model}" names no model-card row: give --reference NAME` : `the model card publishes no ${metricLabel(metric)} for it`);
    throw new ReportInputError(`${s.id} ${metricLabel(metric)} minOfReference: no matched reference number (${why})`);
  }
  const limit = ref.value * share;
  const name = `${s.id} ${metricLabel(metric)} ≥ ${(share * 100).toFixed(0)}% of ${ref.row}'s ${(ref.value * 100).toFixed(1)}%`;
  if (!m) return { name, kind: 'reference', suite: s.id, passed: false, limit, detail: 'the candidate did not report this metric' };
  return { name, kind: 'reference', suite: s.id, passed: m.value >= limit, observed: m.value, limit, detail: `${(m.value * 100).toFixed(1)}% vs ${(limit * 100).toFixed(1)}% (${ref.label}; ${ref.source})` };
}

function evaluate(base: LoadedRun, cand: LoadedRun, rules: GateRules | null, alpha: number): GateRuleResult[] {
  const out: GateRuleResult[] = [];
  const baseSuites = base.results.suites, candSuites = cand.results.suites;
  const diffOf = differ(base, cand);
  // A suite's headline: its first metric (pass@1 in every results file the scorers write).
  const headline = (s: SuiteResults): MetricId => s.metrics[0] ?? PASS1;
  if (!rules) {
    // Default: no headline metric drops significantly, Holm-corrected over the suites compared.
    const shared = candSuites.filter((c) => baseSuites.some((b) => b.id === c.id));
    const diffs = shared.map((s) => diffOf(s, headline(s)));
    const rejected = holm(diffs.map((d) => d.pValue), alpha);
    shared.forEach((s, i) => {
      const d = diffs[i]!;
      const drop = rejected[i]! && d.meanDiff < 0;
      const name = `${s.id} ${metricLabel(headline(s))}: no significant drop`;
      const detail = `${pts(d.meanDiff)} [${pts(d.ci95[0])}, ${pts(d.ci95[1])}] over ${d.n} shared items, p = ${d.pValue.toPrecision(2)} (Holm over ${shared.length} suites, α = ${alpha})`;
      out.push({ name, kind: 'drop', suite: s.id, passed: !drop, detail, observed: d.meanDiff, diff: d });
    });
    return out;
  }
  for (const rule of rules.scores) {
    const suites = rule.suite === '*' ? candSuites : candSuites.filter((s) => s.id === rule.suite);
    if (!suites.length) {
      out.push({ name: `${rule.suite}: present`, kind: 'min', suite: rule.suite, passed: false, detail: `the candidate has no suite ${rule.suite}` });
      continue;
    }
    for (const s of suites) {
      const metric = rule.metric ?? headline(s);
      const m = metricOf(s, metric);
      const label = `${s.id} ${metricLabel(metric)}`;
      if (rule.min !== undefined) {
        const name = `${label} ≥ ${(rule.min * 100).toFixed(1)}%`;
        if (!m) out.push({ name, kind: 'min', suite: s.id, passed: false, detail: 'the candidate did not report this metric' });
        else out.push({ name, kind: 'min', suite: s.id, passed: m.value >= rule.min, observed: m.value, limit: rule.min, detail: `${(m.value * 100).toFixed(1)}% ${ciText(m.ci95, (x) => (x * 100).toFixed(1))}` });
      }
      if (rule.minOfReference !== undefined) out.push(referenceRule(s, metric, m, rule.minOfReference, cand.results.model));
      if (rule.maxDrop !== undefined) {
        const name = `${label} drop ≤ ${(rule.maxDrop * 100).toFixed(1)} pts`;
        if (!baseSuites.some((b) => b.id === s.id)) {
          out.push({ name, kind: 'drop', suite: s.id, passed: false, detail: `the baseline has no suite ${s.id}` });
          continue;
        }
        const d = diffOf(s, metric);
        // A regression only when the whole interval lies below the allowed drop.
        const regressed = d.ci95[1] < -rule.maxDrop;
        out.push({ name, kind: 'drop', suite: s.id, passed: !regressed, observed: d.meanDiff, limit: -rule.maxDrop, diff: d, detail: `${pts(d.meanDiff)} [${pts(d.ci95[0])}, ${pts(d.ci95[1])}] over ${d.n} shared items` });
      }
    }
  }
  const perfRules = rules.performance;
  if (Object.keys(perfRules).length) {
    const p = summarizePerf(cand.store);
    const q = p.performance;
    const check = (name: string, observed: number | null | undefined, limit: number, max: boolean, unit: string) =>
      out.push(
        observed === null || observed === undefined
          ? { name, kind: 'performance', passed: false, limit, detail: 'not measured in the candidate run' }
          : { name, kind: 'performance', passed: max ? observed <= limit : observed >= limit, observed, limit, detail: `${observed.toFixed(1)} ${unit} (limit ${limit} ${unit})` },
      );
    if (perfRules.maxTtftP95Ms !== undefined) check(`TTFT p95 ≤ ${perfRules.maxTtftP95Ms} ms`, q?.ttftMs?.p95, perfRules.maxTtftP95Ms, true, 'ms');
    if (perfRules.maxTpotP95Ms !== undefined) check(`TPOT p95 ≤ ${perfRules.maxTpotP95Ms} ms`, q?.tpotMs?.p95, perfRules.maxTpotP95Ms, true, 'ms');
    if (perfRules.minOutputTokensPerSec !== undefined) check(`output tokens/s ≥ ${perfRules.minOutputTokensPerSec}`, q?.outputTokensPerSec, perfRules.minOutputTokensPerSec, false, 'tok/s');
    if (perfRules.maxPeakMemoryMb !== undefined) check(`peak memory ≤ ${perfRules.maxPeakMemoryMb} MB`, p.peakMemoryMb, perfRules.maxPeakMemoryMb, true, 'MB');
    const client = (cand.results.performance as { client?: { loopDelayP99Ms?: number } } | undefined)?.client;
    if (perfRules.maxClientLoopDelayP99Ms !== undefined)
      check(`client loop delay p99 ≤ ${perfRules.maxClientLoopDelayP99Ms} ms (the harness, not the deployment)`, client?.loopDelayP99Ms, perfRules.maxClientLoopDelayP99Ms, true, 'ms');
  }
  if (rules.maxTruncationRate !== undefined)
    for (const s of candSuites)
      out.push({ name: `${s.id} truncation ≤ ${(rules.maxTruncationRate * 100).toFixed(1)}%`, kind: 'truncation', suite: s.id, passed: s.truncatedRate <= rules.maxTruncationRate, observed: s.truncatedRate, limit: rules.maxTruncationRate, detail: `${(s.truncatedRate * 100).toFixed(1)}% of samples truncated` });
  return out;
}

export async function gateRuns(opts: GateOptions): Promise<GateResult> {
  const res: GateResult = { exitCode: 2, rules: [], baseline: opts.baseline, candidate: opts.candidate };
  try {
    const rules = opts.rulesFile ? readGateRules(opts.rulesFile) : null;
    return withRuns([opts.baseline, opts.candidate], ([base, cand]) => {
      const problems = incomparabilities(base!.results.suites, cand!.results.suites, { baseline: opts.baseline, candidate: opts.candidate });
      // A partial run's numbers cover only what was measured: a gate must not pass or fail on them silently.
      const partial: string[] = [];
      for (const [which, run, dir] of [['baseline', base!, opts.baseline], ['candidate', cand!, opts.candidate]] as const) {
        const missing = partialSuites(run.results.suites);
        if (missing.length) partial.push(`the ${which} is a partial run (${missing.join(', ')}): finish it by running again with --out ${dir}`);
      }
      if ((problems.length || partial.length) && !opts.force) {
        const why = [...(problems.length ? [`runs are not comparable: ${problems.join('; ')}`] : []), ...partial];
        return { ...res, error: `${why.join('; ')} (use --force to gate anyway)` };
      }
      problems.push(...partial);
      const results = evaluate(base!, cand!, rules, opts.alpha ?? 0.05);
      return { ...res, rules: results, exitCode: results.every((r) => r.passed) ? 0 : 1, ...(problems.length ? { forced: problems } : {}) };
    });
  } catch (e) {
    // A results file this build cannot read (missing, foreign, an unknown schemaVersion) is bad input too.
    if (e instanceof ReportInputError || e instanceof RangeError || e instanceof NoRunError) return { ...res, error: (e as Error).message };
    throw e;
  }
}
