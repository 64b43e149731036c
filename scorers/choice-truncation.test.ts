// Truncation end to end on a multiple-choice suite: a real run against the simulator, stored in a real
// SQLite store, some samples then marked as cut by the length limit, and scored from the store.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun } from '../runners/index.ts';
import { startSimulator } from '../runners/simulator/index.ts';
import { cleanTempDirs, tempDir } from '../test/support/run-dir.ts';
import { scoreRun } from './score-run.ts';

afterAll(cleanTempDirs);

describe('truncated multiple-choice samples', () => {
  it('are never scored, count in truncatedRate (not noAnswerRate), and count in truncatedWithBox when they had answered', async () => {
    const sim = await startSimulator({ suites: ['mmlu-sample'], correctRate: 1, noAnswerRate: 0 });
    const out = join(tempDir('choice-trunc'), 'run');
    try {
      await executeRun({
        model: 'deepseek-r1-sim',
        endpoints: [sim.url],
        sampling: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
        suites: [{ spec: 'mmlu-sample', samples: 1, limit: 8 }],
        out,
        concurrency: 4,
        maxAttempts: 2,
        idleTimeoutMs: 5000,
        totalTimeoutMs: 30_000,
      });
    } finally {
      await sim.close();
    }
    const before = (await scoreRun(out)).suites[0]!;
    expect(before).toMatchObject({ items: 8, truncatedRate: 0 });
    expect(before.metrics[0]!.value).toBe(1);

    // Three samples cut by the length limit: one after it wrote its answer line (the letter it wrote is
    // the right one, so scoring it would count it correct), one mid-sentence, one inside the reasoning.
    const db = new Database(join(out, 'store.sqlite'));
    const rows = db.prepare('SELECT item_id, sample, answer FROM completions ORDER BY item_id LIMIT 3').all() as { item_id: string; sample: number; answer: string }[];
    const cut = db.prepare("UPDATE completions SET finish_reason = 'length', answer = ? WHERE item_id = ? AND sample = ?");
    cut.run(`${rows[0]!.answer}\n\nTo double-check, consider the second`, rows[0]!.item_id, rows[0]!.sample);
    cut.run('Weighing the options, the', rows[1]!.item_id, rows[1]!.sample);
    cut.run(null, rows[2]!.item_id, rows[2]!.sample);
    db.close();

    const after = (await scoreRun(out)).suites[0]!;
    expect(after.scorerVersion).toBe(2);
    expect(after.truncatedRate).toBeCloseTo(3 / 8, 10);
    expect(after.noAnswerRate).toBe(0);
    expect(after.truncatedWithBox).toBe(1);
    expect(after.metrics[0]!.value).toBeCloseTo(5 / 8, 10);
  });
});
