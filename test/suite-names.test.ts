// Suite ids for generic file names (test.jsonl in two folders must not collide), and a run named before
// that rule keeps its ids: it resumes and re-scores under the id its manifest recorded.
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { loadSuite } from '../suites/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, readResults, storedRows, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

function aimeFile(dir: string, folder: string, file: string, offset: number): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const path = join(dir, folder, file);
  writeFileSync(path, [1, 2, 3].map((i) => JSON.stringify({ id: `${folder}-${i}`, problem: `What is ${i} + ${offset}?`, answer: String(i + offset) })).join('\n') + '\n');
  return path;
}

describe('suite names', () => {
  it('a generic file name takes its folder into the id; a telling name does not', async () => {
    const dir = tempDir('names');
    const a24 = aimeFile(dir, 'aime24', 'test.jsonl', 10);
    const a25 = aimeFile(dir, 'aime25', 'test.jsonl', 20);
    const named = aimeFile(dir, 'x', 'aime_2024.jsonl', 30);
    expect((await loadSuite(`aime:${a24}`)).id).toBe('aime:aime24/test');
    expect((await loadSuite(`aime:${a25}`)).id).toBe('aime:aime25/test');
    expect((await loadSuite(`math:${named}`)).id).toBe('math:aime_2024');
    for (const generic of ['train', 'validation', 'val', 'dev', 'eval', 'data', 'all', 'default'])
      expect((await loadSuite(`math:${aimeFile(dir, 'set', `${generic}.jsonl`, 1)}`)).id).toBe(`math:set/${generic}`);
    // --suite-id still wins.
    expect((await loadSuite(`aime:${a24}`, { suiteId: 'mine' })).id).toBe('mine');
  });

  it('two test.jsonl files from two folders run side by side', async () => {
    const dir = tempDir('names-run');
    const a24 = aimeFile(dir, 'aime24', 'test.jsonl', 10);
    const a25 = aimeFile(dir, 'aime25', 'test.jsonl', 20);
    const sim = await startSimulator({ suites: [`aime:${a24}`, `aime:${a25}`] });
    try {
      const out = join(dir, 'run');
      const r = await runCli(['run', '--suite', `aime:${a24}`, '--suite', `aime:${a25}`, '--samples', '1', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out, '--no-report']);
      expect(r.code, r.stderr).toBe(0);
      expect(readResults(out).suites.map((s: { id: string }) => s.id)).toEqual(['aime:aime24/test', 'aime:aime25/test']);
    } finally {
      await sim.close();
    }
  }, 90_000);

  it('a run stored under the old id (aime:test) resumes and re-scores under that id', async () => {
    const dir = tempDir('names-old');
    const file = aimeFile(dir, 'aime24', 'test.jsonl', 10);
    const sim = await startSimulator({ suites: [`aime:${file}`] });
    try {
      const out = join(dir, 'run');
      const args = ['run', '--suite', `aime:${file}`, '--samples', '2', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out, '--no-report'];
      expect((await runCli(args)).code).toBe(0);
      // Make it a run from before the naming rule: every id is aime:test, and one item's samples are missing.
      const db = new Database(join(out, 'store.sqlite'));
      const m = JSON.parse((db.prepare(`SELECT value FROM manifest WHERE key = 'run'`).get() as { value: string }).value);
      m.suites[0].id = 'aime:test';
      db.prepare(`UPDATE manifest SET value = ? WHERE key = 'run'`).run(JSON.stringify(m));
      for (const t of ['completions', 'scores']) db.prepare(`UPDATE ${t} SET suite_id = 'aime:test'`).run();
      db.prepare(`DELETE FROM completions WHERE item_id = 'aime24-3'`).run();
      db.prepare(`DELETE FROM scores WHERE item_id = 'aime24-3'`).run();
      db.close();
      const resumed = await runCli(args);
      expect(resumed.code, resumed.stderr).toBe(0);
      const rows = storedRows(out);
      expect(rows).toHaveLength(6);
      expect(new Set(rows.map((r) => r.suite_id))).toEqual(new Set(['aime:test']));
      expect(readResults(out).suites[0]).toMatchObject({ id: 'aime:test', items: 3, samplesPerItem: 2 });
      const rescored = await runCli(['score', out, '--no-report']);
      expect(rescored.code, rescored.stderr).toBe(0);
      expect(readResults(out).suites[0]).toMatchObject({ id: 'aime:test', items: 3 });
    } finally {
      await sim.close();
    }
  }, 120_000);
});
