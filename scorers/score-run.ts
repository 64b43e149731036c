// Scores a stored run: no request is sent. Reloads each suite's items (checking that the data is
// unchanged), scores every stored sample, reduces per item and aggregates per suite.
import type { AnswerRoute, Item, LoadedSuite, RunResults, Score, SuiteResults } from '../types.ts';
import { loadPlannedSuite, RunStore, type RunManifest, type SuiteManifest } from '../runners/index.ts';
import { suiteMetrics, type ItemSamples } from './aggregate.ts';
import { choiceScorer } from './choice.ts';
import { gpqaScorer } from './gpqa.ts';
import { mathScorer } from './math.ts';
import type { Scorer } from './scorer.ts';
import { suiteExtras } from './suite-extras.ts';

export interface ScoreRunOptions {
  /** Scorer for code suites (holds a judge); made on demand when absent. */
  codeScorer?: () => Promise<Scorer & { close(): Promise<void> }>;
  /** Samples scored at once (code judging runs in parallel). */
  parallel?: number;
}

export class ScoreError extends Error {}

/** The scorers that need nothing but the stored text (code needs a judge): one table for run and score. */
export const TEXT_SCORERS = { math: mathScorer, choice: choiceScorer, gpqa: gpqaScorer } as const satisfies Record<string, Scorer>;

async function reloadSuite(s: SuiteManifest, manifest: RunManifest): Promise<LoadedSuite> {
  // The id the run recorded: a run named before today's naming rules (generic file names) keeps it.
  const { suite } = await loadPlannedSuite({ ...s.request, id: s.request.id ?? s.id, samples: s.samples }, manifest.shard);
  if (suite.contentHash !== s.contentHash)
    throw new ScoreError(`suite ${s.id}: its data changed since the run (content hash ${s.contentHash.slice(0, 12)} → ${suite.contentHash.slice(0, 12)}); point it at the original file`);
  return suite;
}

/** Runs `fn` over `items` with at most `n` in flight, in order of results. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T) => Promise<R> | R): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export async function scoreSuite(
  store: RunStore,
  s: SuiteManifest,
  suite: LoadedSuite,
  scorer: Scorer,
  opts: { parallel: number; maxTokens: number },
): Promise<{ results: SuiteResults; scores: Score[] }> {
  const byId = new Map<string, Item>(suite.items.map((it) => [it.id, it]));
  const completions = [...store.completions(s.id, { texts: 'answer' })].filter((c) => byId.has(c.itemId));
  // A server that ignores max_tokens makes truncation rates and costs incomparable: count it.
  const overMaxTokens = completions.filter((c) => (c.usage?.completionTokens ?? 0) > opts.maxTokens).length;
  const verdicts = await mapLimit(completions, scorer.id === 'code' ? opts.parallel : 1, async (c) => {
    const v = await scorer.score(c, byId.get(c.itemId)!.reference);
    return { itemId: c.itemId, sample: c.sample, ...v } as Score;
  });
  const perItem = new Map<string, ItemSamples>();
  let truncated = 0;
  let noAnswer = 0;
  let errors = 0;
  let truncatedWithBox = 0;
  const answerRoutes: Partial<Record<AnswerRoute, number>> = {};
  for (const v of verdicts) {
    if (v.route) answerRoutes[v.route] = (answerRoutes[v.route] ?? 0) + 1;
    if (v.truncatedWithBox) truncatedWithBox++;
    let it = perItem.get(v.itemId);
    if (!it) perItem.set(v.itemId, (it = { itemId: v.itemId, correct: [], extracted: [] }));
    it.correct.push(v.correct === true);
    it.extracted.push(v.extracted);
    if (v.verdict === 'truncated') truncated++;
    else if (v.verdict === 'no-answer') noAnswer++;
    else if (v.verdict === 'error') errors++;
  }
  const items = suite.items.filter((it) => perItem.has(it.id));
  const samples = items.map((it) => perItem.get(it.id)!);
  const n = Math.max(verdicts.length, 1);
  const results: SuiteResults = {
    id: s.id,
    scorer: s.scorer,
    contentHash: s.contentHash,
    scorerVersion: scorer.version,
    items: items.length,
    samplesPerItem: s.samples,
    metrics: suiteMetrics(samples, { equal: scorer.equal }),
    truncatedRate: truncated / n,
    noAnswerRate: noAnswer / n,
    errors,
    ...(Object.keys(answerRoutes).length ? { answerRoutes } : {}),
    ...(truncatedWithBox ? { truncatedWithBox } : {}),
    ...(overMaxTokens ? { overMaxTokens } : {}),
    ...(completions.length < suite.items.length * s.samples
      ? { missingSamples: suite.items.length * s.samples - completions.length, plannedItems: suite.items.length }
      : {}),
    ...(s.skipped ? { skipped: s.skipped } : {}),
    ...suiteExtras(s.scorer, items, samples, verdicts, scorer.equal),
  };
  return { results, scores: verdicts };
}

export async function scoreRun(dir: string, opts: ScoreRunOptions = {}): Promise<RunResults> {
  const store = RunStore.openExisting(dir);
  let code: (Scorer & { close(): Promise<void> }) | undefined;
  try {
    const manifest = store.manifest();
    if (!manifest) throw new ScoreError(`${dir} holds no r1bench run`);
    const suites: SuiteResults[] = [];
    for (const s of manifest.suites) {
      const suite = await reloadSuite(s, manifest);
      let scorer: Scorer;
      if (s.scorer !== 'code') scorer = TEXT_SCORERS[s.scorer];
      else {
        if (!opts.codeScorer) throw new ScoreError(`suite ${s.id} needs the code judge, which was not given`);
        code ??= await opts.codeScorer();
        scorer = code;
      }
      const { results, scores } = await scoreSuite(store, s, suite, scorer, { parallel: opts.parallel ?? 2, maxTokens: manifest.sampling.maxTokens });
      store.putScores(s.id, scores);
      suites.push(results);
    }
    return {
      schemaVersion: 2,
      runId: manifest.runId,
      model: manifest.model,
      endpoints: manifest.endpoints,
      createdAt: manifest.createdAt,
      sampling: manifest.sampling,
      suites,
      ...(manifest.deployment ? { deployment: manifest.deployment } : {}),
    };
  } finally {
    await code?.close();
    store.close();
  }
}
