// The judge run by an ordinary (non-root) user: no privilege drop is possible or needed, and the
// process limit must still hold. Run as root, this test re-runs a small judge script as an
// unprivileged uid; run as an ordinary user, every other judge test already covers this case.
// The checkout may not be readable by that uid (a clone in a private folder), so the judge is bundled
// with esbuild into the test's own world-readable folder and run there with plain node.
import { execFile } from 'node:child_process';
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const isRoot = process.getuid?.() === 0;
const USER_UID = 61001;
const dir = mkdtempSync(join(tmpdir(), 'r1bench-as-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));
const HELPER_C = fileURLToPath(new URL('./exec-helper.c', import.meta.url));
const SCRIPT = `
import { createJudge, sandboxAvailable } from './judge.mjs';
const cacheDir = process.argv[2];
const probe = await sandboxAvailable(cacheDir);
const j = createJudge({ cacheDir, workers: 2 });
const ref = (o) => ({ kind: 'code', tests: [{ input: '', output: o }], timeLimitMs: 1000, memoryLimitMb: 256 });
const ac = await j.judge({ language: 'cpp', code: '#include <cstdio>\\nint main(){puts("hi");}' }, ref('hi'));
const bomb = await j.judge({ language: 'cpp', code: '#include <unistd.h>\\nint main(){for(;;)fork();}' }, ref(''));
const read = await j.judge({ language: 'python', code: 'import os\\nprint("seen" if os.path.exists(${JSON.stringify(dir)}) else "hidden")' }, ref('hidden'));
console.log(JSON.stringify({ uid: process.getuid(), probe, ac: ac.verdict, bomb: bomb.verdict, read: read.verdict }));
`;

describe.skipIf(!isRoot)('as an ordinary user (skipped: this process is not root, so all other tests run as one)', () => {
  it('judges, contains a fork bomb and hides the host', async () => {
    chmodSync(dir, 0o777);
    await build({ entryPoints: [INDEX], bundle: true, platform: 'node', format: 'esm', outfile: join(dir, 'judge.mjs'), logLevel: 'silent' });
    copyFileSync(HELPER_C, join(dir, 'exec-helper.c')); // the judge compiles its helper from beside its code
    chmodSync(join(dir, 'judge.mjs'), 0o644);
    chmodSync(join(dir, 'exec-helper.c'), 0o644);
    const script = join(dir, 'judge-as-user.mjs');
    writeFileSync(script, SCRIPT, { mode: 0o644 });
    const { stdout } = await promisify(execFile)('/usr/bin/setpriv',
      [`--reuid=${USER_UID}`, `--regid=${USER_UID}`, '--clear-groups', process.execPath, script, join(dir, 'cache')],
      { env: { PATH: '/usr/bin:/bin', HOME: dir }, timeout: 120_000 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(r).toMatchObject({ uid: USER_UID, probe: { ok: true }, ac: 'AC', read: 'AC' });
    expect(['TLE', 'RE']).toContain(r.bomb);
  });
});
