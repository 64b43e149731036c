import { describe, expect, it } from 'vitest';
import { loadSuite } from '../registry.ts';
import { sha256 } from '../table.ts';
import { CATEGORY_LABELS, MMLU_SUBJECTS, SUBJECT_CATEGORY, categoryOf, loadMmluSample, normalizeSubject } from './index.ts';
import { MMLU_SAMPLE } from './sample-data.ts';

describe('mmlu-sample', () => {
  it('is a choice suite of 120+ questions, k = 4, hashed over its bundled JSON', async () => {
    const suite = await loadMmluSample();
    expect(suite).toMatchObject({ id: 'mmlu-sample', scorer: 'choice', samples: 4, version: 1, source: 'bundled' });
    expect(suite.contentHash).toBe(sha256(JSON.stringify(MMLU_SAMPLE)));
    expect(suite.items.length).toBeGreaterThanOrEqual(120);
    expect(new Set(suite.items.map((i) => i.id)).size).toBe(suite.items.length);
  });

  it('covers 16+ real MMLU subjects across all four categories', async () => {
    const { items } = await loadMmluSample();
    const subjects = new Set(items.map((i) => String(i.meta?.subject)));
    expect(subjects.size).toBeGreaterThanOrEqual(16);
    for (const s of subjects) expect(SUBJECT_CATEGORY.has(s), s).toBe(true);
    expect(new Set(items.map((i) => i.meta?.category))).toEqual(new Set(['stem', 'humanities', 'social_sciences', 'other']));
  });

  it('has four distinct choices, an answer letter among them, and balanced letters', async () => {
    const counts: Record<string, number> = {};
    const questions = new Set<string>();
    for (const [, question, choices, answer] of MMLU_SAMPLE) {
      expect(new Set(choices).size, question).toBe(4);
      expect('ABCD').toContain(answer);
      counts[answer] = (counts[answer] ?? 0) + 1;
      questions.add(question);
    }
    expect(questions.size).toBe(MMLU_SAMPLE.length);
    const n = MMLU_SAMPLE.length;
    for (const l of 'ABCD') expect(Math.abs(counts[l]! - n / 4), l).toBeLessThanOrEqual(n * 0.05);
  });

  it('prompts zero-shot in one user turn asking for a final "Answer: $LETTER" line', async () => {
    const { items } = await loadMmluSample();
    const physics = items.find((i) => i.meta?.subject === 'high_school_physics')!;
    expect(physics.prompt).toHaveLength(1);
    expect(physics.prompt[0]!.role).toBe('user');
    const text = physics.prompt[0]!.content;
    expect(text).toContain('"Answer: $LETTER"');
    expect(text).toContain('one of A, B, C, D.');
    expect(text).toMatch(/\n\nA\) .+\nB\) .+\nC\) .+\nD\) .+$/);
  });

  it('loads through the registry', async () => {
    expect((await loadSuite('mmlu-sample')).items.length).toBe(MMLU_SAMPLE.length);
  });
});

describe('MMLU categories', () => {
  it('places the 57 subjects as the original release does: 18 STEM, 13 humanities, 12 social sciences, 14 other', () => {
    expect(MMLU_SUBJECTS).toHaveLength(57);
    const counts: Record<string, number> = {};
    for (const c of SUBJECT_CATEGORY.values()) counts[c] = (counts[c] ?? 0) + 1;
    expect(counts).toEqual({ stem: 18, humanities: 13, social_sciences: 12, other: 14 });
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual(Object.keys(counts).sort());
  });

  it('knows subjects by any spelling, MMLU-Pro categories, and puts the unknown in other', () => {
    expect(categoryOf('High School Physics')).toBe('stem');
    expect(categoryOf('anatomy')).toBe('other');
    expect(categoryOf('jurisprudence')).toBe('humanities');
    expect(categoryOf('us_foreign_policy')).toBe('social_sciences');
    expect(categoryOf('computer_science')).toBe('stem');
    expect(categoryOf('law')).toBe('humanities');
    expect(categoryOf('psychology')).toBe('social_sciences');
    expect(categoryOf('cooking')).toBe('other');
    expect(normalizeSubject(' High-School  Physics ')).toBe('high_school_physics');
  });
});
