// The simulator against the project's bundled suites (written in suites/): it must recognise their
// prompts and answer in a form their scorers read. A suite that does not load yet is skipped, saying so.
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../suites/registry.ts';
import type { LoadedSuite } from '../../types.ts';
import { startSimulator } from './index.ts';
import { post } from './testing.ts';

async function tryLoad(id: string): Promise<LoadedSuite | string> {
  try {
    return await loadSuite(id);
  } catch (e) {
    return (e as Error).message;
  }
}

describe('bundled suites', () => {
  for (const id of ['aime-sample', 'mmlu-sample', 'codeforces-sample']) {
    it(`recognises ${id} prompts and answers right or wrong as decided`, async (ctx) => {
      const suite = await tryLoad(id);
      if (typeof suite === 'string') {
        console.warn(`skipped: suite ${id} does not load here (${suite})`);
        return ctx.skip();
      }
      const sims = await Promise.all([1, 0].map((correctRate) => startSimulator({ suites: [id], correctRate, noAnswerRate: 0, reasoningTokens: 50 })));
      try {
        for (const item of suite.items.slice(0, 4)) {
          for (const [i, sim] of sims.entries()) {
            const r = await post(`${sim.url}/chat/completions`, { model: 'r1', messages: item.prompt });
            const content: string = JSON.parse(r.text).choices[0].message.content;
            expect(sim.requestLog.at(-1)!.itemKey).toBe(`${suite.id}/${item.id}`);
            const right = i === 0;
            const ref = item.reference;
            if (ref.kind === 'math') expect(content.includes(`\\boxed{${ref.answer}}`)).toBe(right);
            else if (ref.kind === 'choice') expect(new RegExp(`(Answer: (\\*\\*|\\$\\\\boxed\\{)?|\\()${ref.answer}\\b`).test(content)).toBe(right);
            else {
              const reference = (item.meta?.solutions as { reference: { cpp: string } }).reference.cpp;
              expect(content.includes(reference.trimEnd())).toBe(right);
            }
          }
        }
        expect(sims[0]!.stats().loadErrors).toEqual([]);
      } finally {
        await Promise.all(sims.map((s) => s.close()));
      }
    });
  }
});
