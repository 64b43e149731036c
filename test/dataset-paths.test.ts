// Dataset paths as users type them: relative to where the run started, or with ~ (which the shell leaves
// alone after `math:`). Scoring later, from another directory, must load the same file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, readResults, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

describe('dataset paths', () => {
  it('a relative path and a ~ path run, and the run scores again from another directory', async () => {
    const home = tempDir('home');
    writeFileSync(join(home, 'set.jsonl'), [1, 2, 3].map((i) => JSON.stringify({ id: `p${i}`, problem: `What is ${i}+${i}?`, answer: String(2 * i) })).join('\n') + '\n');
    const sim = await startSimulator({ suites: [`math:${join(home, 'set.jsonl')}`] });
    try {
      const base = ['--samples', '2', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--no-report'];
      const relative = await runCli(['run', '--suite', 'math:set.jsonl', '--out', 'run-rel', ...base], {}, home);
      expect(relative.code, relative.stderr).toBe(0);
      const tilde = await runCli(['run', '--suite', 'math:~/set.jsonl', '--out', join(home, 'run-tilde'), ...base], { HOME: home });
      expect(tilde.code, tilde.stderr).toBe(0);
      expect(readResults(join(home, 'run-tilde')).suites[0]).toMatchObject({ id: 'math:set', items: 3 });
      // From the project root, where set.jsonl does not exist: the run remembers the absolute path.
      const rescored = await runCli(['score', join(home, 'run-rel'), '--no-report']);
      expect(rescored.code, rescored.stderr).toBe(0);
      expect(readResults(join(home, 'run-rel')).suites[0]).toMatchObject({ id: 'math:set', items: 3, samplesPerItem: 2 });
    } finally {
      await sim.close();
    }
  }, 90_000);
});
