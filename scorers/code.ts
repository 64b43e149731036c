// Code scorer: the answer's last judgeable code block, run against the problem's tests by the judge.
import type { Reference } from '../types.ts';
import { scorableAnswer, unscorableVerdict, type SampleInput } from './answer-part.ts';
import { extractCodeFromAnswer } from './code-extract.ts';
import { createJudge, SandboxUnavailableError, type JudgeOptions } from './judge/index.ts';
import { createLiveCodeBenchScorer, type LiveCodeBenchScorer } from './livecodebench.ts';
import type { SampleVerdict, Scorer } from './scorer.ts';

/** The judge could not judge (as opposed to a verdict on the code): fix the setup and score again. */
export class JudgeUnavailableError extends Error {}

export function createCodeScorer(opts: JudgeOptions = {}): Scorer & { close(): Promise<void> } {
  const judge = createJudge(opts);
  // LiveCodeBench problems run in their own harness (scorers/judge/lcb.ts), made on first need.
  let lcb: LiveCodeBenchScorer | undefined;
  return {
    id: 'code',
    // 2: a length-cut sample is truncated (never judged, even with a complete code block before the cut);
    // tags in a stored answer are text.
    version: 2,
    async score(sample: SampleInput, reference: Reference): Promise<SampleVerdict> {
      if (reference.kind === 'livecodebench') {
        if (opts.backend === 'piston') throw new JudgeUnavailableError('LiveCodeBench problems are judged in the local sandbox only; run r1bench score without --piston-url');
        lcb ??= createLiveCodeBenchScorer({ unsafe: opts.unsafe, workers: opts.workers, cacheDir: opts.cacheDir });
        return lcb.score(sample, reference);
      }
      if (reference.kind !== 'code') throw new TypeError(`code scorer given a ${reference.kind} reference`);
      // A truncated answer that already held a complete judgeable code block counts in truncatedWithBox.
      const scorable = scorableAnswer(sample, (text) => extractCodeFromAnswer(text) !== null);
      if ('verdict' in scorable) return unscorableVerdict(scorable);
      const source = extractCodeFromAnswer(scorable.text);
      if (source === null) return { correct: false, extracted: null, verdict: 'no-answer' };
      try {
        const r = await judge.judge(source, reference);
        return { correct: r.verdict === 'AC', extracted: source.language, verdict: r.verdict, ...(r.detail ? { detail: r.detail } : {}) };
      } catch (e) {
        // The judge itself failed (no sandbox, Piston down, a problem this backend cannot run): that says
        // nothing about the model's code, so scoring stops rather than count it as a wrong answer.
        if (e instanceof SandboxUnavailableError) throw e;
        throw new JudgeUnavailableError(`the code judge failed on ${reference.tests.length ? 'a problem' : 'a problem with no tests'}: ${(e as Error).message}`.slice(0, 400));
      }
    },
    close: async () => {
      await lcb?.close();
      await judge.close();
    },
  };
}
