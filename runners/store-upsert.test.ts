// Two processes writing one store: an error row never replaces a completed sample, whichever handle
// wrote it and whatever the writer believed a moment earlier.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Completion } from '../types.ts';
import { RunStore } from './store.ts';

const dirs: string[] = [];
const handles: RunStore[] = [];
afterEach(() => {
  handles.splice(0).forEach((h) => h.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** Two independent connections to one store file, as two processes would have. */
function twoHandles(): [RunStore, RunStore] {
  const dir = mkdtempSync(join(tmpdir(), 'r1b-upsert-'));
  dirs.push(dir);
  const a = RunStore.open(dir);
  const b = RunStore.open(dir);
  handles.push(a, b);
  return [a, b];
}

const base = { runId: 'r', suiteId: 'algebra', itemId: 'p17', sample: 3, endpoint: 'http://h/v1', timing: { sentAt: 1, endMs: 40 } };
const done = (answer: string): Completion => ({ ...base, reasoning: 'think', answer, finishReason: 'stop', attempts: 1 });
const failed = (message: string): Completion => ({ ...base, reasoning: null, answer: null, finishReason: null, attempts: 4, error: { kind: 'http', message } });

function rowOf(store: RunStore): Completion {
  const rows = [...store.completions('algebra')];
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('RunStore.put across handles', () => {
  it('keeps the completed sample when the other handle then writes an error for it', () => {
    const [a, b] = twoHandles();
    b.put(done('\\boxed{9}'));
    a.put(failed('HTTP 503 after 4 attempts'));
    expect(rowOf(a).error).toBeUndefined();
    expect(rowOf(b).answer).toBe('\\boxed{9}');
  });

  it('keeps it even when the writer of the error checked before the other process stored the sample', () => {
    const [a, b] = twoHandles();
    // The race between processes: A looked (nothing complete yet), then B stored, then A writes its error.
    (a as unknown as { isComplete: () => boolean }).isComplete = () => false;
    b.put(done('\\boxed{4}'));
    a.put(failed('stream stalled'));
    const row = rowOf(b);
    expect(row.error).toBeUndefined();
    expect(row.answer).toBe('\\boxed{4}');
    expect(row.attempts).toBe(1);
  });

  it('lets a completion replace an error, and a later error replace an earlier error', () => {
    const [a, b] = twoHandles();
    a.put(failed('first failure'));
    b.put(failed('second failure'));
    expect(rowOf(a).error?.message).toBe('second failure');
    a.put(done('\\boxed{2}'));
    expect(rowOf(b)).toMatchObject({ answer: '\\boxed{2}', attempts: 1 });
    expect(rowOf(b).error).toBeUndefined();
    // A newer completion (e.g. a merge of a re-run) still replaces an older one.
    b.put(done('\\boxed{3}'));
    expect(rowOf(a).answer).toBe('\\boxed{3}');
  });
});
