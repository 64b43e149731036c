// The user's own data through the real CLI against the simulator: MMLU in each published layout
// (generated here, same shape as the real files) and math sets like AIME 2024 and MATH-500 exports.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { writeParquet } from '../suites/testing/write-parquet.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

const SUBJECTS = ['abstract_algebra', 'philosophy', 'virology', 'econometrics'];
const LETTERS = 'ABCD';
function question(subject: string, i: number) {
  return { q: `In ${subject.replace('_', ' ')}, which option is number ${i % 4}?`, options: ['zero', 'one', 'two', 'three'], answer: i % 4 };
}

function write(path: string, data: string | Buffer): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  return path;
}

function originalRelease(root: string): string {
  for (const s of SUBJECTS) {
    const field = (f: string) => (/[",\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
    const rows = Array.from({ length: 5 }, (_, i) => question(s, i)).map((x) => [x.q, ...x.options, LETTERS[x.answer]!].map(field).join(','));
    write(join(root, 'data', 'test', `${s}_test.csv`), rows.join('\n') + '\n');
  }
  return root;
}

function hubParquet(root: string): string {
  const rows = SUBJECTS.flatMap((s) => Array.from({ length: 5 }, (_, i) => ({ s, ...question(s, i) })));
  return write(
    join(root, 'test-00000-of-00001.parquet'),
    writeParquet([
      { name: 'question', type: 'string', values: rows.map((r) => r.q) },
      { name: 'subject', type: 'string', values: rows.map((r) => r.s) },
      { name: 'choices', type: 'string-list', values: rows.map((r) => r.options) },
      { name: 'answer', type: 'int64', values: rows.map((r) => r.answer) },
    ]),
  );
}

function mmluPro(root: string): string {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    question_id: 100 + i,
    question: `Pro question ${i}: pick option ${i % 10}`,
    options: Array.from({ length: 10 }, (_, j) => `option ${j}`),
    answer: 'ABCDEFGHIJ'[i % 10],
    answer_index: i % 10,
    category: i % 2 ? 'physics' : 'law',
  }));
  return write(join(root, 'mmlu-pro.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

async function runOn(spec: string, samples = 2) {
  const sim = await startSimulator({ suites: [spec], correctRate: 0.8, noAnswerRate: 0 });
  try {
    const out = join(tempDir('ds'), 'run');
    const res = await runCli(['run', '--suite', spec, '--samples', String(samples), '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out, '--no-report']);
    expect(res.code, res.stderr).toBe(0);
    return JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  } finally {
    await sim.close();
  }
}

describe('MMLU files in each layout, end to end', () => {
  it.each([
    ['original release (data/test/*.csv)', (d: string) => originalRelease(d), 20],
    ['published Parquet (question, subject, choices, answer)', (d: string) => hubParquet(d), 20],
    ['MMLU-Pro style JSONL (10 options, category)', (d: string) => mmluPro(d), 12],
  ])('%s', async (_, make, items) => {
    const path = make(tempDir('mmlu'));
    const results = await runOn(`mmlu:${path}`);
    const suite = results.suites[0];
    expect(suite.items).toBe(items);
    expect(suite.errors).toBe(0);
    // The simulator answers right 80% of the time and always in a form the extractor must read.
    expect(suite.noAnswerRate).toBe(0);
    expect(suite.metrics[0].value).toBeGreaterThan(0.5);
    expect(suite.subjects.length).toBeGreaterThan(1);
    expect(suite.categories.length).toBeGreaterThan(0);
    expect(suite.macroMetrics[0]).toMatchObject({ name: 'pass', k: 1 });
  }, 120_000);
});

describe('math sets as exported', () => {
  it('an AIME 2024-style JSONL (ID, Problem, Solution, Answer) and a MATH-500-style CSV run unchanged', async () => {
    const dir = tempDir('math');
    const aime = write(
      join(dir, 'aime_2024.jsonl'),
      [1, 2, 3, 4].map((i) => JSON.stringify({ ID: `2024-I-${i}`, Problem: `Find ${i} times 111.`, Solution: `It is $\\boxed{${111 * i}}$.`, Answer: 111 * i })).join('\n') + '\n',
    );
    const results = await runOn(`aime:${aime}`);
    expect(results.suites[0]).toMatchObject({ id: 'aime:aime_2024', items: 4, errors: 0 });
    expect(results.suites[0].metrics[0].value).toBeGreaterThan(0.3);

    const math500 = write(
      join(dir, 'math500.csv'),
      'problem,solution,answer,subject,level,unique_id\n' +
        ['"What is $\\frac{1}{2}+\\frac{1}{4}$?","\\boxed{\\frac34}","\\frac{3}{4}",Algebra,1,test/algebra/1.json', '"Compute $2^{10}$.","\\boxed{1024}",1024,Algebra,1,test/algebra/2.json'].join('\n') +
        '\n',
    );
    const r2 = await runOn(`math:${math500}`);
    expect(r2.suites[0]).toMatchObject({ id: 'math:math500', items: 2, errors: 0 });
  }, 120_000);
});
