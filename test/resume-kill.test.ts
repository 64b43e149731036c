// Crash safety: the harness is killed with SIGKILL at random moments, restarted each time with the same
// command; at the end every sample is stored exactly once and no stored sample was requested again.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { runCli, spawnCli, waitCli } from './support/cli.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function storedKeys(dir: string): Set<string> {
  const file = join(dir, 'store.sqlite');
  if (!existsSync(file)) return new Set();
  // The child may be creating the file or its schema at this very moment: poll again rather than fail.
  for (let attempt = 0; ; attempt++) {
    let db: Database.Database | undefined;
    try {
      db = new Database(file, { readonly: true, timeout: 2000 });
      const rows = db.prepare(`SELECT suite_id, item_id, sample FROM completions WHERE error_kind IS NULL`).raw().all() as [string, string, number][];
      return new Set(rows.map(([s, i, n]) => `${s}/${i}/${n}`));
    } catch (e) {
      if (attempt >= 20) throw e;
    } finally {
      db?.close();
    }
  }
}

describe('crash-safe resume', () => {
  it('survives SIGKILL three times and never re-requests a stored sample', async () => {
    const sim = await startSimulator({ ttftMs: 30, interTokenMs: 2, reasoningTokens: 150, suites: ['aime-sample'] });
    const out = mkdtempSync(join(tmpdir(), 'r1b-kill-'));
    dirs.push(out);
    const args = ['run', '--suite', 'aime-sample', '--samples', '4', '--endpoint', sim.url, '--model', 'r1', '--concurrency', '8', '--out', out, '--no-report'];
    const total = 36 * 4;
    try {
      let kills = 0;
      const snapshots: { stored: Set<string>; requestsBefore: number }[] = [];
      for (let round = 0; round < 3; round++) {
        const child = spawnCli(args);
        const done = waitCli(child);
        // Kill at a random moment once some samples of this round have landed.
        const before = storedKeys(out).size;
        const target = before + 5 + Math.floor(Math.random() * 20);
        while (storedKeys(out).size < target) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, Math.random() * 200));
        child.kill('SIGKILL');
        const res = await done;
        expect(res.signal).toBe('SIGKILL');
        kills++;
        // Remember exactly what was on disk at the kill: none of it may be requested again.
        snapshots.push({ stored: storedKeys(out), requestsBefore: sim.requestLog.length });
      }
      expect(kills).toBe(3);
      const final = await runCli(args);
      expect(final.code).toBe(0);
      const stored = storedKeys(out);
      expect(stored.size).toBe(total);
      const db = new Database(join(out, 'store.sqlite'), { readonly: true });
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM completions').get() as { n: number }).n;
      db.close();
      expect(rows).toBe(total);
      for (const { stored: atKill, requestsBefore } of snapshots) {
        const later = sim.requestLog.slice(requestsBefore).map((e) => e.sampleKey);
        expect(later.filter((k) => atKill.has(k))).toEqual([]);
      }
    } finally {
      await sim.close();
    }
  }, 180_000);
});
