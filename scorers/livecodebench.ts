// LiveCodeBench samples: the answer's last Python code block, judged on the problem's public and private
// tests (read from the data file now, not kept in memory) by the sandboxed LiveCodeBench harness.
import { loadTests } from '../suites/livecodebench/index.ts';
import type { Item, LiveCodeBenchReference, SuiteResults } from '../types.ts';
import { suiteMetrics, type ItemSamples, type SuiteMetricOptions } from './aggregate.ts';
import { scorableAnswer, unscorableVerdict, type SampleInput } from './answer-part.ts';
import { extractCodeFromAnswer } from './code-extract.ts';
import { LiveCodeBenchJudge, type LcbJudgeOptions } from './judge/lcb.ts';
import type { SampleVerdict } from './scorer.ts';

export { LiveCodeBenchJudge };

/**
 * Tests of the problems being judged, by location: the k samples of an item are judged close together,
 * so a small cache spares re-reading a large line; it is bounded so that memory stays small.
 */
class TestCache {
  private readonly entries = new Map<string, ReturnType<typeof loadTests>>();
  constructor(private readonly max = 8) {}
  get(ref: LiveCodeBenchReference): ReturnType<typeof loadTests> {
    const key = JSON.stringify(ref.location);
    let p = this.entries.get(key);
    if (p) {
      this.entries.delete(key);
    } else {
      p = loadTests(ref.location);
      p.catch(() => this.entries.delete(key));
    }
    this.entries.set(key, p);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }
}

export interface LiveCodeBenchScorer {
  score(sample: SampleInput, ref: LiveCodeBenchReference): Promise<SampleVerdict>;
  close(): Promise<void>;
}

export function createLiveCodeBenchScorer(opts: LcbJudgeOptions = {}): LiveCodeBenchScorer {
  const judge = new LiveCodeBenchJudge(opts);
  const cache = new TestCache();
  return {
    async score(sample, ref) {
      const scorable = scorableAnswer(sample, (text) => extractCodeFromAnswer(text) !== null);
      if ('verdict' in scorable) return unscorableVerdict(scorable);
      const source = extractCodeFromAnswer(scorable.text);
      if (source === null) return { correct: false, extracted: null, verdict: 'no-answer' };
      if (source.language !== 'python')
        return { correct: false, extracted: source.language, verdict: 'CE', detail: `LiveCodeBench judges Python; the answer's code is ${source.language}` };
      const tests = await cache.get(ref);
      const r = await judge.judge({ code: source.code, tests, funcName: ref.funcName ?? null, timeLimitMs: ref.timeLimitMs });
      return { correct: r.verdict === 'AC', extracted: 'python', verdict: r.verdict, ...(r.detail ? { detail: r.detail } : {}) };
    },
    close: () => judge.close(),
  };
}

const ORDER = ['easy', 'medium', 'hard', 'leetcode', 'atcoder', 'codeforces'];

function groups(items: readonly Item[], byItem: Map<string, ItemSamples>, key: (r: LiveCodeBenchReference) => string, opts: SuiteMetricOptions) {
  const out = new Map<string, ItemSamples[]>();
  for (const it of items) {
    const s = byItem.get(it.id);
    if (!s || it.reference.kind !== 'livecodebench') continue;
    const k = key(it.reference);
    out.set(k, [...(out.get(k) ?? []), s]);
  }
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return [...out.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => ({ id, items: list.length, metrics: suiteMetrics(list, opts) }));
}

/** pass@1 (and the suite's other metrics) per difficulty and per platform, over the items scored. */
export function liveCodeBenchBreakdown(items: readonly Item[], samples: readonly ItemSamples[], opts: SuiteMetricOptions = {}): Pick<SuiteResults, 'difficulties' | 'platforms'> {
  const byItem = new Map(samples.map((s) => [s.itemId, s]));
  return { difficulties: groups(items, byItem, (r) => r.difficulty, opts), platforms: groups(items, byItem, (r) => r.platform, opts) };
}
