import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Completion } from '../types.ts';
import { RunStore, STORE_FILE } from './store.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'r1b-store-'));
  dirs.push(d);
  return d;
};

const sample = (item: string, sample: number, extra: Partial<Completion> = {}): Completion => ({
  runId: 'r', suiteId: 'gpqa:set', itemId: item, sample, reasoning: 'thinking', answer: 'Answer: B', finishReason: 'stop',
  timing: { sentAt: 1, endMs: 10 }, endpoint: 'http://127.0.0.1:1/v1', attempts: 1, ...extra,
});

// The completions table as stores written before per-sample prompts have it (no variant column).
const OLD_TABLE = `CREATE TABLE completions (
  suite_id TEXT NOT NULL, item_id TEXT NOT NULL, sample INTEGER NOT NULL,
  reasoning TEXT, answer TEXT, finish_reason TEXT,
  prompt_tokens INTEGER, completion_tokens INTEGER, reasoning_tokens INTEGER,
  sent_at REAL NOT NULL, first_token_ms REAL, first_answer_ms REAL, end_ms REAL NOT NULL, gaps_ms TEXT,
  server_timings TEXT, endpoint TEXT NOT NULL, attempts INTEGER NOT NULL,
  error_kind TEXT, error_message TEXT,
  PRIMARY KEY (suite_id, item_id, sample)
) WITHOUT ROWID`;

describe('the variant stored with a sample', () => {
  it('round-trips as JSON, and an error retried later keeps the sample\'s variant', () => {
    const store = RunStore.open(tmp());
    const variant = { order: [2, 0, 3, 1], shown: ['x', 'right', 'z', 'y'] };
    store.put(sample('q1', 0, { answer: null, reasoning: null, finishReason: null, error: { kind: 'http', message: '502' }, variant }));
    store.put(sample('q1', 0, { variant }));
    store.put(sample('q2', 0));
    const got = [...store.completions('gpqa:set')];
    expect(got.map((c) => [c.itemId, c.variant, c.error])).toEqual([['q1', variant, undefined], ['q2', undefined, undefined]]);
    store.close();
  });

  it('opens a store written before the column existed: its rows read as before, new rows carry a variant', () => {
    const dir = tmp();
    const db = new Database(join(dir, STORE_FILE));
    db.exec(OLD_TABLE);
    db.prepare(`INSERT INTO completions VALUES ('math:old', 'p1', 0, 'r', '\\boxed{4}', 'stop', 5, 20, NULL, 1, 2, 3, 10, NULL, NULL, 'e', 1, NULL, NULL)`).run();
    db.close();
    const a = RunStore.open(dir);
    const b = RunStore.open(dir); // a second process opening the same old store finds the column there
    expect([...a.completions('math:old')]).toMatchObject([{ itemId: 'p1', answer: '\\boxed{4}', usage: { promptTokens: 5, completionTokens: 20 } }]);
    expect([...a.completions('math:old')][0]).not.toHaveProperty('variant');
    b.put(sample('q1', 3, { variant: { order: [1, 0, 2, 3] } }));
    expect([...a.completions('gpqa:set')][0]!.variant).toEqual({ order: [1, 0, 2, 3] });
    a.close();
    b.close();
  });
});
