// --reference on report and run: an unknown model name gets no model-card mark unless --reference names
// the row; a name that is not a row is exit 2 before anything runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFixtureRun } from '../reports/testing/fixture-run.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

describe('--reference', () => {
  it('r1bench report marks the named row for a model name that names none, and only then', async () => {
    const dir = join(tempDir('ref'), 'run');
    buildFixtureRun(dir, { model: 'my-finetune', suites: [{ id: 'aime24', items: 30, samples: 2, correct: (i) => i < 12 }, { id: 'aime25', items: 30, samples: 2, correct: (i) => i < 9 }] });
    expect((await runCli(['report', dir])).code).toBe(0);
    const plain = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(plain).not.toContain('(DeepSeek-R1)');
    const r = await runCli(['report', dir, '--reference', 'DeepSeek-R1']);
    expect(r.code, r.stderr).toBe(0);
    const marked = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(marked).toContain('79.8% (DeepSeek-R1)'); // aime24's row; aime25 has none
    expect(marked.match(/\(DeepSeek-R1\)/g)).toHaveLength(1);
  }, 60_000);

  it('r1bench run --reference with a name that is no row stops before any request (exit 2)', async () => {
    const r = await runCli(['run', '--suite', 'aime-sample', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--reference', 'o1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^r1bench( run)?: --reference "o1": not a model-card row/);
  }, 30_000);
});
