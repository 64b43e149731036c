// `r1bench run --suite math:hf://datasets/...` end to end: the real CLI in a child process, the R1
// simulator, and a fake Hub on 127.0.0.1 (suites/hub/testing/fake-hub.ts, the Hub's documented API)
// pointed to by HF_ENDPOINT. The run records the commit; after the fake Hub's main moves, resume and
// score fetch the recorded commit, never the new head.
import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { startFakeHub } from '../suites/hub/testing/fake-hub.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, expectOneLineFailure, filesUnder, readResults, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

const TOKEN = 'hf_e2e_token_never_stored';
const problems = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => JSON.stringify({ unique_id: `p${i + offset}`, problem: `What is ${i + offset}+${i + offset}?`, answer: String(2 * (i + offset)) })).join('\n') + '\n';
const manifestOf = (dir: string) => {
  const db = new Database(join(dir, 'store.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return JSON.parse((db.prepare(`SELECT value FROM manifest WHERE key = 'run'`).get() as { value: string }).value);
  } finally {
    db.close();
  }
};

describe('hf:// suites through the CLI', () => {
  it('runs a gated dataset from the Hub, records the commit, and resumes and scores that commit after main moved', async () => {
    const home = tempDir('hub-cli');
    const hub = await startFakeHub();
    const old = hub.commit('acme/math-set', { 'test.jsonl': { content: problems(3) } });
    hub.gate('acme/math-set', TOKEN);
    writeFileSync(join(home, 'local.jsonl'), problems(3));
    const sim = await startSimulator({ suites: [`math:${join(home, 'local.jsonl')}`] });
    const cache = join(home, 'hf-cache');
    const env = { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache, HF_TOKEN: TOKEN };
    const out = join(home, 'run');
    const args = ['run', '--suite', 'math:hf://datasets/acme/math-set/test.jsonl', '--samples', '2', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out, '--no-report'];
    try {
      const first = await runCli(args, env, home);
      expect(first.code, first.stderr).toBe(0);
      expect(readResults(out).suites[0]).toMatchObject({ id: 'math:acme/math-set/test', items: 3 });
      const suite = manifestOf(out).suites[0];
      expect(suite).toMatchObject({ spec: 'math:hf://datasets/acme/math-set/test.jsonl', source: `hf://datasets/acme/math-set@${old}/test.jsonl` });
      expect(suite.request.spec).toBe(`math:hf://datasets/acme/math-set@${old}/test.jsonl`);
      for (const f of filesUnder(out)) expect(readFileSync(f, 'latin1'), f).not.toContain(TOKEN);

      // Upstream pushes a different test set; the cache is wiped, so the old commit must come from the Hub.
      const moved = hub.commit('acme/math-set', { 'test.jsonl': { content: problems(4, 10) } });
      rmSync(cache, { recursive: true, force: true });
      const n = hub.requests.length;
      const resumed = await runCli(args, env, home);
      expect(resumed.code, resumed.stderr).toBe(0);
      const rescored = await runCli(['score', out, '--no-report'], env);
      expect(rescored.code, rescored.stderr).toBe(0);
      expect(readResults(out).suites[0]).toMatchObject({ id: 'math:acme/math-set/test', items: 3 });
      const paths = hub.requests.slice(n).map((q) => q.path);
      expect(paths.some((p) => p.includes(old))).toBe(true);
      expect(paths.filter((p) => p.includes(moved) || /\/revision\/main$/.test(p))).toEqual([]);

      // A fresh run takes the new head; offline with an unknown ref is one line, exit 2.
      const fresh = await runCli([...args.slice(0, -3), '--out', join(home, 'run2'), '--no-report'], env, home);
      expect(fresh.code, fresh.stderr).toBe(0);
      expect(manifestOf(join(home, 'run2')).suites[0].source).toBe(`hf://datasets/acme/math-set@${moved}/test.jsonl`);
      const offline = await runCli([...args.slice(0, 2), 'math:hf://datasets/acme/math-set@v9/test.jsonl', ...args.slice(3, -3), '--out', join(home, 'run3')], { ...env, HF_HUB_OFFLINE: '1' }, home);
      expect(offline.code).toBe(2);
      expect(expectOneLineFailure(offline)).toMatch(/HF_HUB_OFFLINE is set, and the cache .* does not know which commit "v9" is/);
      const gated = await runCli([...args.slice(0, -3), '--out', join(home, 'run4')], { ...env, HF_TOKEN: '' }, home);
      expect(gated.code).toBe(2);
      expect(expectOneLineFailure(gated)).toMatch(/set HF_TOKEN/);
    } finally {
      await sim.close();
      await hub.close();
    }
  }, 120_000);
});
