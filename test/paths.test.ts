// Suite names and item ids come from users' data: none of them may make the harness write outside its
// run directory, whatever they look like (`../../evil`, `/etc/passwd`, `--suite-id ../../x`).
import { existsSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { ROOT } from './support/cli.ts';
import { cleanTempDirs, filesUnder, listTree, runCliWithin, storedRows, tempDir } from './support/run-dir.ts';

const EVIL_IDS = ['../../evil', '/etc/passwd', '..', '../../../../../../tmp/r1b-evil-abs', 'a/../../../../x', 'report.html', 'store.sqlite', 'C:\\Windows\\x'];
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', reasoningTokens: 20, suites: [] });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

/** Places a user could mean by those names, relative to the run dir, the cwd and the filesystem root. */
function suspects(out: string): string[] {
  const bases = [out, dirname(out), dirname(dirname(out)), ROOT, '/', '/tmp'];
  const names = ['evil', 'x', 'r1b-evil-abs', '../evil', '../x'];
  return bases.flatMap((b) => names.map((n) => join(b, n))).filter((p) => !p.startsWith(out + '/'));
}

describe('paths from data stay inside the run directory', () => {
  it('hostile item ids and suite id: nothing is created or changed outside the run directory', async () => {
    const parent = tempDir('paths');
    const data = join(parent, 'data');
    mkdirSync(data);
    const file = join(data, 'hostile.jsonl');
    writeFileSync(file, EVIL_IDS.map((id, i) => JSON.stringify({ id, problem: `What is ${i} + ${i}?`, answer: String(2 * i) })).join('\n') + '\n');
    const out = join(parent, 'a', 'b', 'run');
    mkdirSync(dirname(out), { recursive: true });

    const passwd = statSync('/etc/passwd');
    const before = listTree(parent);
    const preexisting = suspects(out).filter((p) => existsSync(p));

    const res = await runCliWithin(['run', '--suite', `math:${file}`, '--suite-id', '../../x', '--samples', '2', '--endpoint', sim.url, '--model', 'r1', '--out', out], 40_000);
    expect(res.code, res.stderr).toBe(0);
    const score = await runCliWithin(['score', out], 30_000);
    expect(score.code, score.stderr).toBe(0);

    // The ids are kept as data, exactly as given.
    const rows = storedRows(out);
    expect(new Set(rows.map((r) => r.item_id))).toEqual(new Set(EVIL_IDS));
    expect(new Set(rows.map((r) => r.suite_id))).toEqual(new Set(['../../x']));

    // Outside the run directory: the same tree as before; nothing new at the suspicious places.
    expect(listTree(parent, [out])).toEqual(before);
    expect(suspects(out).filter((p) => existsSync(p))).toEqual(preexisting);
    const after = statSync('/etc/passwd');
    expect([after.mtimeMs, after.size]).toEqual([passwd.mtimeMs, passwd.size]);

    // Inside it: every file really lives there (no symlink or odd name leading out).
    const real = realpathSync(out);
    for (const f of filesUnder(out)) expect(realpathSync(f).startsWith(real + '/'), f).toBe(true);
  }, 90_000);
});
