import type { LoadedSuite } from '../../types.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../table.ts';
import { loadAimeSample, validateAimeAnswers } from './index.ts';
import { MATH_PROMPT_SUFFIX } from './prompt.ts';
import { sampleProblems, templates } from './sample.ts';

describe('aime-sample', () => {
  let suite: LoadedSuite;
  beforeAll(async () => {
    suite = await loadAimeSample();
  });

  it('is a versioned math suite with 16 default samples', () => {
    expect(suite).toMatchObject({ id: 'aime-sample', version: 1, scorer: 'math', samples: 16, source: 'bundled' });
    expect(suite.contentHash).toBe(sha256(JSON.stringify(suite.items)));
  });

  it('holds at least 30 problems with unique ids and unique statements', () => {
    expect(suite.items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(suite.items.map((i) => i.id)).size).toBe(suite.items.length);
    expect(new Set(suite.items.map((i) => i.prompt[0]!.content)).size).toBe(suite.items.length);
  });

  it('ids are aime-sample-NN-<topic>, matching meta.topic', () => {
    suite.items.forEach((item, i) => {
      expect(item.id).toBe(`aime-sample-${String(i + 1).padStart(2, '0')}-${item.meta?.topic}`);
    });
  });

  it('answers are AIME integers 0-999, spread out', () => {
    const answers = suite.items.map((i) => (i.reference.kind === 'math' ? i.reference.answer : ''));
    for (const a of answers) {
      expect(a).toMatch(/^(0|[1-9]\d{0,2})$/);
    }
    expect(new Set(answers).size).toBeGreaterThan(suite.items.length * 0.8);
    const values = answers.map(Number);
    expect(Math.min(...values)).toBeLessThan(100);
    expect(Math.max(...values)).toBeGreaterThan(800);
    expect(() => validateAimeAnswers(suite)).not.toThrow();
  });

  it('covers several topics, every template, and uses the R1 math prompt', () => {
    expect(new Set(suite.items.map((i) => i.meta?.topic)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(suite.items.map((i) => i.meta?.template))).toEqual(new Set(templates.map((t) => t.name)));
    for (const item of suite.items) {
      expect(item.prompt).toHaveLength(1);
      expect(item.prompt[0]!.role).toBe('user');
      expect(item.prompt[0]!.content.endsWith(MATH_PROMPT_SUFFIX)).toBe(true);
    }
  });

  it('is the same suite on every load (fixed seeds)', async () => {
    const again = await loadAimeSample();
    expect(again.contentHash).toBe(suite.contentHash);
    expect(sampleProblems().map((p) => p.answer)).toEqual(
      suite.items.map((i) => (i.reference.kind === 'math' ? Number(i.reference.answer) : NaN)),
    );
  });
});
