import { describe, expect, it } from 'vitest';
import { composeAnswer, decide, ItemIndex, wrongInteger } from './answers.ts';
import { choiceSuite, codeSuite, mathSuite, promptOf, testSuites } from './fixtures.ts';
import { startSimulator } from './index.ts';
import { reasoningTokens, tokenize } from './reasoning.ts';
import { chat, post } from './testing.ts';

const lastBoxed = (s: string) => [...s.matchAll(/\\boxed\{([^}]*)\}/g)].pop()?.[1] ?? null;
const lastLetter = (s: string) => [...s.matchAll(/(?:Answer:\s*(?:\*\*)?\$?(?:\\boxed\{)?|answer is \()([A-J])/g)].pop()?.[1] ?? null;

async function ask(url: string, prompt: string, sample: string | null, extra: Record<string, unknown> = {}) {
  const r = await post(`${url}/chat/completions`, chat(prompt, extra), sample ? { 'x-r1bench-sample': sample } : {});
  const m = JSON.parse(r.text).choices[0].message;
  return { reasoning: m.reasoning_content as string, content: m.content as string };
}

describe('answers', () => {
  it('right with the configured probability, decided by (seed, item, sample)', () => {
    const n = 4000;
    let right = 0;
    let none = 0;
    for (let i = 0; i < n; i++) {
      const d = decide(3, 'suite/item', `suite/item/${i}`, 0.7, 0.02);
      if (d === 'right') right++;
      if (d === 'none') none++;
    }
    // Binomial sd at n=4000: 0.007 for 0.7; 0.0022 for 0.02.
    expect(Math.abs(right / n - 0.7)).toBeLessThan(0.03);
    expect(Math.abs(none / n - 0.02)).toBeLessThan(0.01);
    expect(decide(3, 'a', 'b', 0.5, 0)).toBe(decide(3, 'a', 'b', 0.5, 0));
  });

  it('over HTTP: accuracy near the rate, same outputs for the same seed, others for another seed', async () => {
    const opts = { suites: [], loadedSuites: testSuites, reasoningTokens: 6, correctRate: 0.6 };
    const a = await startSimulator({ ...opts, seed: 11 });
    const b = await startSimulator({ ...opts, seed: 11 });
    const c = await startSimulator({ ...opts, seed: 12 });
    try {
      let right = 0;
      const n = 300;
      const texts: [string, string, string][] = [];
      for (let i = 0; i < n; i++) {
        const key = `t-math/m1/${i}`;
        const [x, y, z] = await Promise.all([a, b, c].map((s) => ask(s.url, promptOf(mathSuite), key)));
        if (lastBoxed(x!.content) === '24') right++;
        texts.push([x!.reasoning + x!.content, y!.reasoning + y!.content, z!.reasoning + z!.content]);
      }
      expect(Math.abs(right / n - 0.6)).toBeLessThan(0.09); // sd 0.028
      expect(texts.every(([x, y]) => x === y)).toBe(true);
      expect(texts.filter(([x, , z]) => x !== z).length).toBeGreaterThan(n * 0.9);
      expect(a.requestLog.filter((e) => e.correctness === 'right').length).toBe(right);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('math: gold in \\boxed{} when right, another integer when wrong, decoys only in the reasoning', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 60, seed: 5, noAnswerRate: 0 });
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        const { reasoning, content } = await ask(sim.url, promptOf(mathSuite, 1), `t-math/m2/${i}`);
        const entry = sim.requestLog[sim.requestLog.length - 1]!;
        const got = lastBoxed(content);
        seen.add(entry.correctness!);
        if (entry.correctness === 'right') expect(got).toBe('001');
        else expect(got).toMatch(/^\d+$/), expect(Number(got)).not.toBe(1);
        // The reasoning holds a decoy: the gold answer when wrong, a wrong one when right.
        const decoy = lastBoxed(reasoning);
        expect(decoy).not.toBeNull();
        expect(decoy === '001').toBe(entry.correctness !== 'right');
      }
      expect(seen).toEqual(new Set(['right', 'wrong']));
    } finally {
      await sim.close();
    }
  });

  it('choice: the gold letter in varied formats, a different letter when wrong', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 60, seed: 9, noAnswerRate: 0 });
    try {
      const formats = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const { reasoning, content } = await ask(sim.url, promptOf(choiceSuite), `t-choice/c1/${i}`);
        const entry = sim.requestLog[sim.requestLog.length - 1]!;
        const letter = lastLetter(content);
        expect(letter === 'B').toBe(entry.correctness === 'right');
        expect(['A', 'B', 'C', 'D']).toContain(letter);
        expect(lastLetter(reasoning) === 'B').toBe(entry.correctness !== 'right');
        formats.add(content.split('\n').pop()!.replace(/(?<=[:\{(] ?)[A-D]/, 'X'));
      }
      expect(formats).toEqual(new Set(['Answer: X', '**Answer: X**', 'Answer: $\\boxed{X}$', 'The answer is (X).']));
    } finally {
      await sim.close();
    }
  });

  it('code: the reference solution in a ```cpp block when right, a flawed one when wrong', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 60, seed: 2, noAnswerRate: 0 });
    try {
      const solutions = codeSuite.items[0]!.meta!.solutions as { reference: { cpp: string }; flawed: { code: string }[] };
      const flawedSeen = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const { content } = await ask(sim.url, promptOf(codeSuite), `t-code/k1/${i}`);
        const entry = sim.requestLog[sim.requestLog.length - 1]!;
        const block = /```(cpp|python)\n([\s\S]*?)\n```/.exec(content)!;
        if (entry.correctness === 'right') expect([block[1], block[2]]).toEqual(['cpp', solutions.reference.cpp]);
        else flawedSeen.add(block[2]!);
      }
      expect(flawedSeen).toEqual(new Set(solutions.flawed.map((f) => f.code)));
    } finally {
      await sim.close();
    }
  });

  it('unknown prompts: generic reasoning and a \\boxed{number}; no header: a per-prompt counter', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: [], reasoningTokens: 30, noAnswerRate: 0 });
    try {
      const first = await ask(sim.url, 'What is the meaning of this?', null);
      const second = await ask(sim.url, 'What is the meaning of this?', null);
      expect(lastBoxed(first.content)).toMatch(/^\d+$/);
      expect(first.reasoning.split(/\s+/).length).toBe(30);
      const keys = sim.requestLog.map((e) => e.sampleKey);
      expect(keys[0]).toMatch(/^prompt:\w+\/0$/);
      expect(keys[1]).toBe(keys[0]!.replace(/0$/, '1'));
      expect(first.reasoning + first.content).not.toBe(second.reasoning + second.content);
    } finally {
      await sim.close();
    }
  });

  it('no answer at all at the no-answer rate', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 5, noAnswerRate: 1, correctRate: 0 });
    try {
      const { content } = await ask(sim.url, promptOf(mathSuite), 't-math/m1/0');
      expect(lastBoxed(content)).toBeNull();
      expect(content.length).toBeGreaterThan(10);
    } finally {
      await sim.close();
    }
  });

  it('loads bundled suites lazily and tolerates one that fails', async () => {
    const sim = await startSimulator({ suites: ['aime-sample', 'mmlu:/nonexistent/mmlu.csv'], loadedSuites: [mathSuite], reasoningTokens: 5 });
    try {
      expect(sim.stats().itemsIndexed).toBe(0); // nothing loaded before the first request
      const { content } = await ask(sim.url, promptOf(mathSuite), null, { max_tokens: 100 });
      expect(content).toContain('\\boxed{');
      const stats = sim.stats();
      expect(stats.loadErrors.some((e) => e.startsWith('mmlu:/nonexistent/mmlu.csv: '))).toBe(true);
      expect(stats.itemsIndexed).toBeGreaterThanOrEqual(mathSuite.items.length);
      expect(sim.requestLog[0]!.itemKey).toBe('t-math/m1');
    } finally {
      await sim.close();
    }
  });
});

describe('pieces', () => {
  it('wrongInteger never returns the gold value', () => {
    for (const gold of ['0', '24', '999', '033', '1,000', '-5', '\\frac{1}{2}']) {
      for (let off = 1; off < 999; off += 37) expect(Number(wrongInteger(gold, off))).not.toBe(Number(gold.replace(/,/g, '')));
    }
    expect(wrongInteger('999', 1)).toBe('0');
  });

  it('reasoning has exactly the asked tokens and its decoys', () => {
    for (const n of [0, 1, 7, 300, 5000]) {
      const t = reasoningTokens({ tokens: n, seed: n, decoys: ['So \\boxed{12}? Wait.'] });
      expect(t.length).toBe(n);
      expect(tokenize(t.join('')).length).toBe(n);
      if (n >= 300) expect(t.join('')).toContain(' So \\boxed{12}? Wait.');
    }
  });

  it('indexes items by their last user message and by suite/item id', () => {
    const index = new ItemIndex();
    index.add(choiceSuite);
    expect(index.find(promptOf(choiceSuite), null)?.item.id).toBe('c1');
    expect(index.find('other text', 't-choice/c1/3')?.item.id).toBe('c1');
    expect(index.find('other text', null)).toBeUndefined();
    const a = composeAnswer(index.find(promptOf(choiceSuite), null), 'k', 'right', 1, 's');
    expect(lastLetter(a.text)).toBe('B');
  });
});
