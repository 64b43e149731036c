// Builds a complete run directory (store.sqlite + results.json, optionally bench.json and memory
// samples) from a compact description, so report, compare, gate and leaderboard tests share one
// honest source of runs. Verdicts are written as the real scorers write them, and results.json is
// computed from them by the scorers' own functions (suiteMetrics, suiteExtras: MMLU breakdown and
// macro average, code verdicts and rating), the composition scoreSuite uses.
import { mulberry32 } from '../../random.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore, type RunManifest } from '../../runners/store.ts';
import { answerEqualFor, suiteMetrics, type ItemSamples } from '../../scorers/index.ts';
import { suiteExtras } from '../../scorers/suite-extras.ts';
import type { Completion, DeploymentChecks, Item, Reference, RunResults, Score, SuiteResults } from '../../types.ts';
import { buildProfile, hardwareSection, type DeclaredProfile, type HostProfile } from '../../hardware-profiles/index.ts';

export interface FixtureSuite {
  id: string;
  scorer?: 'math' | 'choice' | 'code';
  items: number;
  samples: number;
  /** Verdict of one sample; null: no answer. */
  correct: (item: number, sample: number) => boolean | null;
  /** The answer the scorer extracted (math, choice); default: the gold answer when correct, a wrong one otherwise. */
  extracted?: (item: number, sample: number) => string | null;
  /** true: the request failed after its retries (verdict 'error', counted in `errors`). */
  error?: (item: number, sample: number) => boolean;
  /** 'length' for truncated samples; default 'stop'. */
  finish?: (item: number, sample: number) => string;
  text?: (item: number, sample: number) => { reasoning: string; answer: string | null };
  contentHash?: string;
  scorerVersion?: number;
  /** MMLU-like: subject/category per item index. */
  subject?: (item: number) => { subject: string; category: string };
  /** Codeforces-like: rating per item index. */
  rating?: (item: number) => number;
  /** true: the sample was never stored (a stopped run): counted in `missingSamples`. */
  missing?: (item: number, sample: number) => boolean;
  /** Math: how each answered sample's answer was found (default 'boxed'). */
  route?: (item: number, sample: number) => 'boxed' | 'answer-line' | 'last-number';
  /** A truncated sample's text held an answer-looking box. */
  truncatedWithBox?: (item: number, sample: number) => boolean;
}

export interface FixtureRun {
  runId?: string;
  model?: string;
  seed?: number;
  suites: FixtureSuite[];
  performance?: Record<string, unknown>;
  /** results.json's hardware section as given (any shape: old results, odd files). Prefer `machine`. */
  hardware?: Record<string, unknown>;
  /** The hardware section built as `r1bench run` builds it (buildProfile, hardwareSection): the probed
   * host (defaults for what is not given), the declared profile, and whether the model ran on the host. */
  machine?: { host?: Partial<HostProfile>; declared?: DeclaredProfile; local?: boolean };
  /** The deployment checks, stored in the manifest and results.json as a run stores them. */
  deployment?: DeploymentChecks;
  bench?: unknown;
  /** Memory samples for the timeline chart. */
  memory?: boolean;
  /** ms added to every time to first token (to make one run slower than another). */
  latencyOffsetMs?: number;
}

export { mulberry32 };

export const itemIdOf = (suite: string, i: number): string => `${suite}-${String(i).padStart(5, '0')}`;

const CHOICES = ['first option', 'second option', 'third option', 'fourth option'];

/** The gold answer of every fixture item and a wrong one, per scorer. */
const GOLD = { math: ['42', '41'], choice: ['A', 'B'] } as const;

function fixtureItem(s: FixtureSuite, i: number): Item {
  const scorer = s.scorer ?? 'math';
  const reference: Reference =
    scorer === 'math' ? { kind: 'math', answer: GOLD.math[0] }
    : scorer === 'choice' ? { kind: 'choice', answer: GOLD.choice[0], choices: CHOICES }
    : { kind: 'code', tests: [{ input: '', output: '42\n' }], timeLimitMs: 2000, memoryLimitMb: 256, ...(s.rating ? { rating: s.rating(i) } : {}) };
  return { id: itemIdOf(s.id, i), prompt: [{ role: 'user', content: `Problem ${i} of ${s.id}` }], reference, ...(s.subject ? { meta: s.subject(i) } : {}) };
}

/** One sample's verdict as the suite's real scorer would give it (math/choice: correct/wrong; code: AC/WA). */
function fixtureScore(s: FixtureSuite, itemId: string, i: number, k: number, failed: boolean, truncated: boolean): Score {
  const scorer = s.scorer ?? 'math';
  const correct = s.correct(i, k);
  if (failed) return { itemId, sample: k, correct: null, extracted: null, verdict: 'error' };
  if (truncated) return { itemId, sample: k, correct: false, extracted: null, verdict: 'truncated', ...(s.truncatedWithBox?.(i, k) ? { truncatedWithBox: true } : {}) };
  if (correct === null) return { itemId, sample: k, correct: false, extracted: null, verdict: 'no-answer' };
  if (scorer === 'code') return { itemId, sample: k, correct, extracted: 'python', verdict: correct ? 'AC' : 'WA' };
  const extracted = s.extracted ? s.extracted(i, k) : GOLD[scorer][correct ? 0 : 1];
  return { itemId, sample: k, correct, extracted, verdict: correct ? 'correct' : 'wrong', ...(scorer === 'math' ? { route: s.route?.(i, k) ?? 'boxed' } : {}) };
}

function defaultText(s: FixtureSuite, i: number, score: Score): { reasoning: string; answer: string | null } {
  const reasoning = `Let me think about problem ${i}. `.repeat(3 + (i % 7));
  if (score.extracted === null) return { reasoning, answer: null };
  if (s.scorer === 'code') return { reasoning, answer: `\`\`\`python\nprint(${score.correct ? 42 : 41})\n\`\`\`` };
  if (s.scorer === 'choice') return { reasoning, answer: `The answer is (${score.extracted}).` };
  return { reasoning, answer: `The answer is \\boxed{${score.extracted}}.` };
}

/** results.json's entry for a suite, as scoreSuite builds it from the same verdicts. */
function suiteResults(s: FixtureSuite, scores: Score[]): SuiteResults {
  const scorer = s.scorer ?? 'math';
  const byItem = new Map<string, ItemSamples>();
  for (const sc of scores) {
    let it = byItem.get(sc.itemId);
    if (!it) byItem.set(sc.itemId, (it = { itemId: sc.itemId, correct: [], extracted: [] }));
    it.correct.push(sc.correct === true);
    it.extracted.push(sc.extracted);
  }
  const items = Array.from({ length: s.items }, (_, i) => fixtureItem(s, i)).filter((it) => byItem.has(it.id));
  const samples = items.map((it) => byItem.get(it.id)!);
  const equal = answerEqualFor(scorer);
  const total = Math.max(scores.length, 1);
  const count = (verdict: string) => scores.filter((x) => x.verdict === verdict).length;
  const routes: NonNullable<SuiteResults['answerRoutes']> = {};
  for (const x of scores) if (x.route) routes[x.route] = (routes[x.route] ?? 0) + 1;
  const boxed = scores.filter((x) => x.truncatedWithBox).length;
  const planned = s.items * s.samples;
  return {
    id: s.id,
    scorer,
    contentHash: s.contentHash ?? `hash-${s.id}`,
    scorerVersion: s.scorerVersion ?? 1,
    items: items.length,
    samplesPerItem: s.samples,
    metrics: suiteMetrics(samples, { equal }),
    truncatedRate: count('truncated') / total,
    noAnswerRate: count('no-answer') / total,
    errors: count('error'),
    ...(Object.keys(routes).length ? { answerRoutes: routes } : {}),
    ...(boxed ? { truncatedWithBox: boxed } : {}),
    ...(scores.length < planned ? { missingSamples: planned - scores.length, plannedItems: s.items } : {}),
    ...suiteExtras(scorer, items, samples, scores, equal),
  };
}

/** Writes a run into `dir` and returns its results (also written as results.json). */
export function buildFixtureRun(dir: string, run: FixtureRun): RunResults {
  const rand = mulberry32(run.seed ?? 1);
  const runId = run.runId ?? 'run-fixture';
  const store = RunStore.open(dir);
  const t0 = Date.UTC(2025, 0, 15, 12, 0, 0);
  const manifest: RunManifest = {
    runId,
    createdAt: new Date(t0).toISOString(),
    model: run.model ?? 'deepseek-r1-distill-qwen-7b',
    endpoints: ['http://127.0.0.1:8000/v1'],
    sampling: { temperature: 0.6, topP: 0.95, maxTokens: 32768 },
    suites: run.suites.map((s) => ({
      id: s.id, spec: s.id, version: 1, scorer: s.scorer ?? 'math', contentHash: s.contentHash ?? `hash-${s.id}`,
      source: 'bundled', samples: s.samples, items: s.items, request: { spec: s.id },
    })),
    versions: { r1bench: '0.1.0', node: process.version },
    ...(run.deployment ? { deployment: run.deployment } : {}),
  };
  store.setManifest(manifest);
  const results: SuiteResults[] = [];
  const insertAll = store.db.transaction((s: FixtureSuite, scores: Score[]) => {
    for (let i = 0; i < s.items; i++)
      for (let k = 0; k < s.samples; k++) {
        if (s.missing?.(i, k)) continue;
        const itemId = itemIdOf(s.id, i);
        const failed = s.error?.(i, k) ?? false;
        const finish = failed ? null : (s.finish?.(i, k) ?? 'stop');
        const score = fixtureScore(s, itemId, i, k, failed, finish === 'length');
        const text = failed ? { reasoning: null, answer: null } : (s.text?.(i, k) ?? defaultText(s, i, score));
        const tokens = Math.round((text.reasoning?.length ?? 0) / 4 + (text.answer?.length ?? 0) / 4) + 1;
        const ttft = 80 + rand() * 120 + (run.latencyOffsetMs ?? 0);
        const tpot = 15 + rand() * 10;
        const sentAt = t0 + i * 50 + k * 7;
        const c: Completion = failed
          ? { runId, suiteId: s.id, itemId, sample: k, reasoning: null, answer: null, finishReason: null, timing: { sentAt, endMs: 30_000 }, endpoint: manifest.endpoints[0]!, attempts: 3, error: { kind: 'http', message: 'HTTP 503 Service Unavailable after 3 attempts' } }
          : {
              runId, suiteId: s.id, itemId, sample: k,
              reasoning: text.reasoning, answer: text.answer, finishReason: finish,
              usage: { promptTokens: 120, completionTokens: tokens, reasoningTokens: Math.round((text.reasoning?.length ?? 0) / 4) },
              timing: { sentAt, firstTokenMs: ttft, firstAnswerTokenMs: ttft + tpot * (tokens * 0.8), endMs: ttft + tpot * tokens },
              endpoint: manifest.endpoints[0]!, attempts: 1,
            };
        store.put(c);
        scores.push(score);
      }
  });
  for (const s of run.suites) {
    const scores: Score[] = [];
    insertAll(s, scores);
    store.putScores(s.id, scores);
    results.push(suiteResults(s, scores));
  }
  if (run.memory) {
    const rows = [];
    // The layout of hardware-profiles' memory sampler: epoch ms, per-GPU and total GPU rows, harness RSS.
    for (let t = 0; t <= 60_000; t += 2_000) {
      const gpu = 60_000 + 8_000 * Math.min(1, t / 20_000) + rand() * 500;
      rows.push({ tMs: t0 + t, source: 'gpu', name: 'gpu0.memoryUsedMb', value: gpu });
      rows.push({ tMs: t0 + t, source: 'gpu', name: 'memoryUsedMb', value: gpu });
      rows.push({ tMs: t0 + t, source: 'harness', name: 'rssMb', value: 300 + t / 200 });
    }
    store.addTimeline(rows);
  }
  store.close();
  const out: RunResults = {
    schemaVersion: 2, runId, model: manifest.model, endpoints: manifest.endpoints, createdAt: manifest.createdAt,
    sampling: manifest.sampling, suites: results,
    ...(run.performance ? { performance: run.performance } : {}),
    ...(run.hardware ? { hardware: run.hardware } : {}),
    ...(run.machine ? { hardware: fixtureHardware(run.machine) } : {}),
    ...(run.deployment ? { deployment: run.deployment } : {}),
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(out, null, 2));
  if (run.bench !== undefined) writeFileSync(join(dir, 'bench.json'), JSON.stringify(run.bench, null, 2));
  return out;
}

/** A deterministic uniform number in [0, 1) from a seed and keys: for "this sample is right with probability p". */
export function chance(seed: number, ...keys: number[]): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const k of keys) h = Math.imul(h ^ (k + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  return mulberry32(h)();
}

/** Item difficulty in a fixture: item i is answered right with this probability (spread 0.1..0.95). */
export const itemSkill = (i: number): number => 0.1 + 0.85 * chance(7, i);

/** The hardware section `r1bench run` would write for this machine and declared profile. */
export function fixtureHardware(m: NonNullable<FixtureRun['machine']>): Record<string, unknown> {
  const host: HostProfile = { cpu: 'unknown', cores: 1, memoryGb: 16, gpus: [], os: 'linux', node: process.version, ...m.host };
  return hardwareSection({ profile: buildProfile(host, m.declared, m.local === false ? 'client' : 'deployment') }) as unknown as Record<string, unknown>;
}
