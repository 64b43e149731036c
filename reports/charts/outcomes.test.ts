import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../runners/store.ts';
import { buildFixtureRun } from '../testing/fixture-run.ts';
import { lengthPoints } from './outcomes.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-outcomes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('lengthPoints', () => {
  it('classifies each sample by its verdict: an unanswered sample (correct: false) is no-answer, not wrong', () => {
    const dir = join(root, 'run');
    // Samples 0..4 of each item: right, wrong, no answer, cut off; sample 4 of item 0 failed (it has no usage, so no point).
    buildFixtureRun(dir, {
      suites: [{ id: 'm', items: 2, samples: 5, correct: (_, k) => (k === 0 ? true : k === 2 ? null : false), finish: (_, k) => (k === 3 ? 'length' : 'stop'), error: (i, k) => i === 0 && k === 4 }],
    });
    const store = RunStore.open(dir);
    try {
      const counts: Record<string, number> = {};
      for (const p of lengthPoints(store, ['m'])) counts[p.outcome] = (counts[p.outcome] ?? 0) + 1;
      expect(counts).toEqual({ correct: 2, wrong: 3, 'no-answer': 2, truncated: 2 });
    } finally {
      store.close();
    }
  });
});
