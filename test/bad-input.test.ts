// Bad input through the real CLI: each mistake gives one line on stderr naming the file, field or row,
// a non-zero exit and no stack trace, before any request is sent and without leaving a run directory.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, expectOneLineFailure, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;
let data: string;

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 20 });
  data = tempDir('bad-input');
  const w = (name: string, text: string) => writeFileSync(join(data, name), text);
  w('bad-json.jsonl', '{"id":"a1","problem":"What is 1+1?","answer":"2"}\n{"id":"a2","problem":"What is 2+2?", "answer":"4"\n');
  w('missing-column.jsonl', '{"id":"a1","problem":"What is 1+1?","answer":"2"}\n{"id":"a2","answer":"4"}\n');
  w('not-aime.jsonl', '{"id":"a1","problem":"What is 1+1?","answer":"2"}\n{"id":"a2","problem":"What is half of one?","answer":"1/2"}\n');
  w('letters.csv', 'question,A,B,C,D,answer\nWhat is 1+1?,1,2,3,4,B\nWhat is 2+2?,1,2,3,4,F\n');
  w('empty.jsonl', '');
  w('typo.yaml', 'model: r1\nsuites:\n  - suite: aime-sample\n    sampels: 3\n');
  mkdirSync(join(data, 'a-folder.jsonl'));
});

afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

/** Runs `r1bench run` with the given suite/flags against the simulator, into a fresh --out. */
async function run(args: string[], withEndpoint = true): Promise<{ line: string; out: string; requests: number }> {
  const out = join(tempDir('bad-out'), 'run');
  const before = sim.requestLog.length;
  const res = await runCli(['run', ...args, ...(withEndpoint ? ['--endpoint', sim.url] : []), '--model', 'r1', '--out', out, '--no-report']);
  const line = expectOneLineFailure(res);
  expect(res.code, res.stderr).toBe(2);
  return { line, out, requests: sim.requestLog.length - before };
}

describe('bad input: one line naming what and where, exit 2, nothing sent, nothing written', () => {
  it('unknown suite', async () => {
    const { line, out, requests } = await run(['--suite', 'aime-2099']);
    expect(line).toMatch(/unknown suite "aime-2099"/);
    expect(requests).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('missing dataset file', async () => {
    const file = join(data, 'nowhere.jsonl');
    const { line, out } = await run(['--suite', `math:${file}`]);
    expect(line).toContain(file);
    expect(line).toMatch(/no such file/);
    expect(existsSync(out)).toBe(false);
  });

  it('unreadable dataset (a folder where a file is expected)', async () => {
    const file = join(data, 'a-folder.jsonl');
    const { line } = await run(['--suite', `math:${file}`]);
    expect(line).toContain(file);
    expect(line).toMatch(/folder/);
  });

  it('bad JSON line names the file and the line', async () => {
    const file = join(data, 'bad-json.jsonl');
    const { line, out } = await run(['--suite', `math:${file}`]);
    expect(line).toContain(`${file}: row 2`);
    expect(line).toMatch(/JSON/);
    expect(existsSync(out)).toBe(false);
  });

  it('missing column names the row and the expected column', async () => {
    const file = join(data, 'missing-column.jsonl');
    const { line } = await run(['--suite', `math:${file}`]);
    expect(line).toContain(`${file}: row 2`);
    expect(line).toMatch(/"problem"/);
  });

  it('non-integer answer in an aime: file names the row and the column', async () => {
    const file = join(data, 'not-aime.jsonl');
    const { line } = await run(['--suite', `aime:${file}`]);
    expect(line).toContain(`${file}: row 2`);
    expect(line).toMatch(/"answer".*integer/);
  });

  it('MMLU answer letter out of range names the row and the letter', async () => {
    const file = join(data, 'letters.csv');
    const { line } = await run(['--suite', `mmlu:${file}`]);
    expect(line).toContain(`${file}: row 3`);
    expect(line).toMatch(/"F"/);
  });

  it('empty dataset', async () => {
    const file = join(data, 'empty.jsonl');
    const { line } = await run(['--suite', `math:${file}`]);
    expect(line).toContain(file);
    expect(line).toMatch(/no items/);
  });

  it('config YAML with a misspelt key names the path of the key', async () => {
    const file = join(data, 'typo.yaml');
    const { line, requests } = await run(['--config', file]);
    expect(line).toContain(file);
    expect(line).toContain('suites[0].sampels');
    expect(requests).toBe(0);
  });

  it('missing config file', async () => {
    const file = join(data, 'nothing.yaml');
    const { line } = await run(['--config', file]);
    expect(line).toContain(file);
  });

  it('unknown flag', async () => {
    const { line } = await run(['--suite', 'aime-sample', '--sampels', '3']);
    expect(line).toMatch(/--sampels/);
  });

  it('bad --samples value names the flag', async () => {
    const { line } = await run(['--suite', 'aime-sample', '--samples', 'many']);
    expect(line).toMatch(/--samples.*"many"/);
  });

  it('bad --shard value names the flag', async () => {
    const { line } = await run(['--suite', 'aime-sample', '--shard', '4/3']);
    expect(line).toMatch(/--shard.*"4\/3"/);
  });
});
