// RunStore.checkpointInBackground: a real SQLite file and a real worker thread. The main connection stops
// checkpointing inside its commits (each one's fsync stopped the main thread for 7–18 ms), the thread moves
// the WAL into the database file, close() leaves no WAL behind, and a failed thread hands the checkpoints back.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir } from '../test/support/run-dir.ts';
import type { Completion } from '../types.ts';
import { RunStore, STORE_FILE } from './store.ts';

afterAll(cleanTempDirs);
const runDir = () => tempDir('checkpoint');

const completion = (i: number): Completion => ({
  runId: 'r',
  suiteId: 'math',
  itemId: `q${i}`,
  sample: 0,
  reasoning: `step ${i} `.repeat(300),
  answer: `\\boxed{${i}}`,
  finishReason: 'stop',
  usage: { promptTokens: 20, completionTokens: 600 },
  timing: { sentAt: Date.now(), firstTokenMs: 600, firstAnswerTokenMs: 900, endMs: 1200, chunkGapsMs: [20, 20] },
  attempts: 1,
  endpoint: 'http://127.0.0.1:1/v1',
});

const autocheckpoint = (s: RunStore) => s.db.pragma('wal_autocheckpoint', { simple: true });

async function until(what: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (what()) return true;
  return what();
}

describe('RunStore.checkpointInBackground', () => {
  it('the thread moves the WAL into the database file while the main connection never checkpoints', async () => {
    const dir = runDir();
    const store = RunStore.open(dir);
    const file = join(dir, STORE_FILE);
    store.checkpointInBackground(50);
    expect(autocheckpoint(store)).toBe(0);
    const before = statSync(file).size;
    for (let i = 0; i < 1500; i++) store.put(completion(i)); // ~5 MB of WAL, past SQLite's own 1,000-page checkpoint
    // Only a checkpoint writes pages into the database file, and this connection no longer makes any.
    expect(await until(() => statSync(file).size > before + 2 ** 20, 5000)).toBe(true);
    store.close();
  }, 20_000);

  it('close(): the thread stops first, the last connection removes the WAL, and every row is there', async () => {
    const dir = runDir();
    const store = RunStore.open(dir);
    store.checkpointInBackground(50);
    for (let i = 0; i < 400; i++) store.put(completion(i));
    store.close();
    expect(existsSync(join(dir, `${STORE_FILE}-wal`))).toBe(false);
    const again = RunStore.openExisting(dir);
    expect(again.counts()).toEqual([{ suiteId: 'math', completed: 400, errors: 0 }]);
    again.close();
  });

  it('a thread that ends unexpectedly hands checkpoints back to the main connection', async () => {
    const dir = runDir();
    const store = RunStore.open(dir);
    store.checkpointInBackground(50);
    expect(autocheckpoint(store)).toBe(0);
    const { worker } = (store as unknown as { checkpointer: { worker: import('node:worker_threads').Worker } }).checkpointer;
    await worker.terminate();
    expect(await until(() => autocheckpoint(store) === 1000, 2000)).toBe(true);
    store.put(completion(1)); // still writes
    store.close();
  });
});
