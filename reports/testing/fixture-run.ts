// Builds a complete run directory (store.sqlite + results.json, optionally bench.json and memory
// samples) from a compact description, so report, compare, gate and leaderboard tests share one
// honest source of runs. Metrics in results.json are computed from the stored scores.
import { mulberry32 } from '../../random.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunStore, type RunManifest } from '../../runners/store.ts';
import { ci95, mean, stderrOfMean, suiteMetrics } from '../../scorers/index.ts';
import type { Completion, Metric, RunResults, Score, SuiteResults } from '../../types.ts';

export interface FixtureSuite {
  id: string;
  scorer?: 'math' | 'choice' | 'code';
  items: number;
  samples: number;
  /** Verdict of one sample; null: no answer. */
  correct: (item: number, sample: number) => boolean | null;
  /** 'length' for truncated samples; default 'stop'. */
  finish?: (item: number, sample: number) => string;
  text?: (item: number, sample: number) => { reasoning: string; answer: string | null };
  contentHash?: string;
  scorerVersion?: number;
  /** MMLU-like: subject/category per item index. */
  subject?: (item: number) => { subject: string; category: string };
  /** Codeforces-like: rating per item index. */
  rating?: (item: number) => number;
}

export interface FixtureRun {
  runId?: string;
  model?: string;
  seed?: number;
  suites: FixtureSuite[];
  performance?: Record<string, unknown>;
  hardware?: Record<string, unknown>;
  bench?: unknown;
  /** Memory samples for the timeline chart. */
  memory?: boolean;
  /** ms added to every time to first token (to make one run slower than another). */
  latencyOffsetMs?: number;
}

export { mulberry32 };

export const itemIdOf = (suite: string, i: number): string => `${suite}-${String(i).padStart(5, '0')}`;

function meanMetric(name: 'pass' | 'accuracy', k: number, perItem: number[]): Metric {
  const value = mean(perItem);
  const stderr = stderrOfMean(perItem);
  return { name, k, value, stderr, ci95: ci95(value, stderr), n: perItem.length };
}

function suiteResults(s: FixtureSuite, scores: Score[]): SuiteResults {
  const byItem = new Map<string, Score[]>();
  for (const sc of scores) byItem.set(sc.itemId, [...(byItem.get(sc.itemId) ?? []), sc]);
  const items = [...byItem].map(([itemId, ss]) => ({ itemId, correct: ss.map((x) => x.correct === true), extracted: ss.map((x) => x.extracted) }));
  const counts = items.map((it) => it.correct.filter(Boolean).length);
  const metrics = suiteMetrics(items, { equal: (a, b) => a === b });
  const total = scores.length || 1;
  const r: SuiteResults = {
    id: s.id,
    scorer: s.scorer ?? 'math',
    contentHash: s.contentHash ?? `hash-${s.id}`,
    scorerVersion: s.scorerVersion ?? 1,
    items: s.items,
    samplesPerItem: s.samples,
    metrics,
    truncatedRate: scores.filter((x) => x.verdict === 'truncated').length / total,
    noAnswerRate: scores.filter((x) => x.verdict === 'no-answer').length / total,
    errors: 0,
  };
  if (s.subject) {
    const subj = new Map<string, { category: string; vals: number[] }>();
    counts.forEach((c, i) => {
      const { subject, category } = s.subject!(i);
      const e = subj.get(subject) ?? { category, vals: [] };
      e.vals.push(c / s.samples);
      subj.set(subject, e);
    });
    r.subjects = [...subj].map(([id, e]) => ({ id, category: e.category, items: e.vals.length, metrics: [meanMetric('accuracy', 1, e.vals)] }));
    const cats = new Map<string, number[]>();
    for (const e of subj.values()) cats.set(e.category, [...(cats.get(e.category) ?? []), ...e.vals]);
    r.categories = [...cats].map(([id, vals]) => ({ id, items: vals.length, metrics: [meanMetric('accuracy', 1, vals)] }));
  }
  if (s.rating) {
    const buckets = new Map<number, number[]>();
    counts.forEach((c, i) => buckets.set(s.rating!(i), [...(buckets.get(s.rating!(i)) ?? []), c / s.samples]));
    r.ratingBuckets = [...buckets]
      .sort((a, b) => a[0] - b[0])
      .map(([rating, v]) => ({ rating, items: v.length, solveRate: v.reduce((a, b) => a + b, 0) / v.length }));
    r.rating = { value: 1400, ci95: [1250, 1550] };
    r.verdicts = { AC: counts.reduce((a, b) => a + b, 0), WA: s.items * s.samples - counts.reduce((a, b) => a + b, 0) };
  }
  return r;
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
  };
  store.setManifest(manifest);
  const results: SuiteResults[] = [];
  const insertAll = store.db.transaction((s: FixtureSuite, scores: Score[]) => {
    for (let i = 0; i < s.items; i++)
      for (let k = 0; k < s.samples; k++) {
        const correct = s.correct(i, k);
        const finish = s.finish?.(i, k) ?? 'stop';
        const text = s.text?.(i, k) ?? { reasoning: `Let me think about problem ${i}. `.repeat(3 + (i % 7)), answer: correct === null ? null : `The answer is \\boxed{${correct ? 42 : 41}}.` };
        const tokens = Math.round(text.reasoning.length / 4 + (text.answer?.length ?? 0) / 4) + 1;
        const ttft = 80 + rand() * 120 + (run.latencyOffsetMs ?? 0);
        const tpot = 15 + rand() * 10;
        const c: Completion = {
          runId, suiteId: s.id, itemId: itemIdOf(s.id, i), sample: k,
          reasoning: text.reasoning, answer: text.answer, finishReason: finish,
          usage: { promptTokens: 120, completionTokens: tokens, reasoningTokens: Math.round(text.reasoning.length / 4) },
          timing: { sentAt: t0 + i * 50 + k * 7, firstTokenMs: ttft, firstAnswerTokenMs: ttft + tpot * (tokens * 0.8), endMs: ttft + tpot * tokens },
          endpoint: manifest.endpoints[0]!, attempts: 1,
        };
        store.put(c);
        const verdict = finish === 'length' ? 'truncated' : correct === null ? 'no-answer' : correct ? 'correct' : 'wrong';
        scores.push({ itemId: c.itemId, sample: k, correct: verdict === 'truncated' ? false : correct, extracted: correct === null || verdict === 'truncated' ? null : correct ? '42' : '41', verdict });
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
    schemaVersion: 1, runId, model: manifest.model, endpoints: manifest.endpoints, createdAt: manifest.createdAt,
    sampling: manifest.sampling, suites: results,
    ...(run.performance ? { performance: run.performance } : {}),
    ...(run.hardware ? { hardware: run.hardware } : {}),
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
