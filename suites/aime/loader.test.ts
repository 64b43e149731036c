// Loading the user's math files in each format, shaped like the published AIME and MATH-500 exports.
// The problems below are made up for these tests; only the column layouts follow the real exports.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadedSuite } from '../../types.ts';
import { DatasetError, sha256 } from '../table.ts';
import { loadAimeFile, loadMathFile, validateAimeAnswers } from './loader.ts';
import { writeParquet } from '../testing/write-parquet.ts';
import { mathPrompt } from './prompt.ts';

const dir = mkdtempSync(join(tmpdir(), 'r1bench-aime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const answers = (s: LoadedSuite) => s.items.map((i) => (i.reference.kind === 'math' ? i.reference.answer : null));

// AIME 2024 export layout: ID, Problem, Solution, Answer (an integer).
const aime2024 = [
  { ID: '2024-I-1', Problem: 'Find the number of positive divisors of $720$.', Solution: 'Since $720=2^4 3^2 5$, $\\boxed{30}$.', Answer: 30 },
  { ID: '2024-I-2', Problem: 'Find the remainder when $3^{100}$ is divided by $7$.', Solution: '$\\boxed{4}$', Answer: 4 },
  { ID: '2024-II-1', Problem: 'Find $7 \\cdot 11 \\cdot 13$.', Solution: 'It is $\\boxed{1001}$... no, $\\boxed{001}$.', Answer: 1 },
];
// MATH-500 export layout: problem, solution, answer (LaTeX), subject, level, unique_id.
const math500 = [
  { problem: 'Simplify $\\frac{6}{12}$.', solution: 'Divide: $\\boxed{\\frac{1}{2}}$.', answer: '\\frac{1}{2}', subject: 'Prealgebra', level: 1, unique_id: 'test/prealgebra/17.json' },
  { problem: 'Solve $x^2=4$ for $x>0$,\nthen give "x".', solution: 'So $x=\\boxed{2}$.', answer: '2', subject: 'Algebra', level: 2, unique_id: 'test/algebra/5.json' },
  { problem: 'Find the interval where $x^2<1$.', solution: '$\\boxed{(-1,1)}$', answer: '(-1,1)', subject: 'Algebra', level: 3, unique_id: 'test/algebra/9.json' },
];

describe('loadMathFile on published layouts', () => {
  it('reads an AIME 2024 JSON export: ids from ID, integer answers, AIME-like', async () => {
    const file = write('aime_2024.json', JSON.stringify(aime2024));
    const suite = await loadMathFile(file, {});
    expect(suite).toMatchObject({ id: 'math:aime_2024', version: 1, scorer: 'math', samples: 16, source: resolve(file) });
    expect(suite.contentHash).toBe(sha256(readFileSync(file)));
    expect(suite.items.map((i) => i.id)).toEqual(['2024-I-1', '2024-I-2', '2024-II-1']);
    expect(answers(suite)).toEqual(['30', '4', '1']); // the Answer column wins over the solution's box
    expect(suite.items[0]!.prompt).toEqual(mathPrompt(aime2024[0]!.Problem));
    expect(suite.items.map((i) => i.meta?.aimeLike)).toEqual([true, true, true]);
    expect(suite.items[2]!.meta).toMatchObject({ row: 3, answerColumn: 'Answer' });
  });

  it('reads an AIME 2025 JSONL export (id, problem, answer, url)', async () => {
    const rows = [
      { id: 0, problem: 'Find $2^{10} \\bmod 1000$.', answer: '24', url: 'https://example.org/p0' },
      { id: 1, problem: 'Find $\\binom{10}{3}$.', answer: '120', url: 'https://example.org/p1' },
    ];
    const suite = await loadMathFile(write('aime_2025.jsonl', jsonl(rows)), { suiteId: 'aime25' });
    expect(suite.id).toBe('aime25');
    expect(suite.items.map((i) => i.id)).toEqual(['0', '1']);
    expect(answers(suite)).toEqual(['24', '120']);
    expect(suite.items[1]!.meta).toMatchObject({ url: 'https://example.org/p1', aimeLike: true, row: 2 });
  });

  it('reads a MATH-500 CSV export: LaTeX answers kept as strings, not AIME-like', async () => {
    const cell = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
    const head = 'problem,solution,answer,subject,level,unique_id';
    const csv = [head, ...math500.map((r) => [r.problem, r.solution, r.answer, r.subject, r.level, r.unique_id].map(cell).join(','))];
    const suite = await loadMathFile(write('math500.csv', csv.join('\r\n') + '\r\n'), {});
    expect(suite.id).toBe('math:math500');
    expect(suite.samples).toBe(4);
    expect(suite.items.map((i) => i.id)).toEqual(math500.map((r) => r.unique_id));
    expect(answers(suite)).toEqual(['\\frac{1}{2}', '2', '(-1,1)']);
    expect(suite.items[1]!.prompt).toEqual(mathPrompt(math500[1]!.problem)); // quotes and newline survive
    expect(suite.items[0]!.meta).toMatchObject({ subject: 'Prealgebra', level: '1', aimeLike: false });
  });

  it('reads a Parquet export, integer answers arriving as INT64', async () => {
    const file = write('aime.parquet', writeParquet([
      { name: 'ID', type: 'string', values: aime2024.map((r) => r.ID) },
      { name: 'Problem', type: 'string', values: aime2024.map((r) => r.Problem) },
      { name: 'Solution', type: 'string', values: [aime2024[0]!.Solution, null, aime2024[2]!.Solution] },
      { name: 'Answer', type: 'int64', values: aime2024.map((r) => r.Answer) },
    ]));
    const suite = await loadMathFile(file, {});
    expect(suite.id).toBe('math:aime');
    expect(suite.items.map((i) => i.id)).toEqual(['2024-I-1', '2024-I-2', '2024-II-1']);
    expect(answers(suite)).toEqual(['30', '4', '1']);
    expect(suite.items[1]!.prompt).toEqual(mathPrompt(aime2024[1]!.Problem));
    expect(suite.contentHash).toBe(sha256(readFileSync(file)));
  });

  it('reads a MATH-500 Parquet export with its level as a number', async () => {
    const file = write('math500.parquet', writeParquet([
      { name: 'problem', type: 'string', values: math500.map((r) => r.problem) },
      { name: 'answer', type: 'string', values: math500.map((r) => r.answer) },
      { name: 'level', type: 'int64', values: math500.map((r) => r.level) },
      { name: 'unique_id', type: 'string', values: math500.map((r) => r.unique_id) },
    ]));
    const suite = await loadMathFile(file, {});
    expect(answers(suite)).toEqual(['\\frac{1}{2}', '2', '(-1,1)']);
    expect(suite.items[2]!.meta).toMatchObject({ level: 3, aimeLike: false });
  });

  it('takes the last \\boxed{} of the solution when there is no answer column', async () => {
    const rows = math500.map(({ problem, solution }) => ({ problem, solution }));
    const suite = await loadMathFile(write('solutions.jsonl', jsonl(rows)), {});
    expect(answers(suite)).toEqual(['\\frac{1}{2}', '2', '(-1,1)']);
    expect(suite.items[0]!.meta?.answerColumn).toBe('solution');
    expect(suite.items[0]!.id).toMatch(/^h[0-9a-f]{16}$/);
  });

  it('maps unusual column names', async () => {
    const rows = [{ qid: 'q7', text: 'Find $5!$.', gold: 120 }, { qid: 'q8', text: 'Find $4!$.', gold: 24 }];
    const suite = await loadMathFile(write('custom.jsonl', jsonl(rows)), { columns: { problem: 'text', answer: 'gold', id: 'qid' } });
    expect(suite.items.map((i) => [i.id, i.prompt[0]!.content.split('\n')[0]])).toEqual([['q7', 'Find $5!$.'], ['q8', 'Find $4!$.']]);
    expect(answers(suite)).toEqual(['120', '24']);
  });

  it('gives each item the same id whatever the file order', async () => {
    const rows = math500.map(({ problem, answer }) => ({ problem, answer }));
    const forward = await loadMathFile(write('forward.jsonl', jsonl(rows)), {});
    const backward = await loadMathFile(write('backward.jsonl', jsonl([...rows].reverse())), {});
    const byId = (s: typeof forward) => Object.fromEntries(s.items.map((i) => [i.id, i.prompt[0]!.content]));
    expect(byId(backward)).toEqual(byId(forward));
    expect(new Set(forward.items.map((i) => i.id)).size).toBe(3);
  });
});

describe('AIME strictness', () => {
  it('validateAimeAnswers accepts integer answers and names the row of a non-integer one', async () => {
    const aime = await loadMathFile(write('ok.json', JSON.stringify([...aime2024, { ID: 'x', Problem: 'Find $0$.', Answer: '033' }])), {});
    expect(validateAimeAnswers(aime)).toBe(aime);
    const file = write('mixed.jsonl', jsonl([{ problem: 'A', answer: '12' }, { problem: 'B', answer: '\\frac{1}{2}' }]));
    const mixed = await loadMathFile(file, {});
    expect(mixed.items.map((i) => i.meta?.aimeLike)).toEqual([false, false]);
    expect(() => validateAimeAnswers(mixed)).toThrow(DatasetError);
    expect(() => validateAimeAnswers(mixed)).toThrow(`${resolve(file)}: row 2: column "answer" is not an integer from 0 to 999`);
  });

  it('loadAimeFile defaults to an aime: id and rejects answers outside 0-999', async () => {
    expect((await loadAimeFile(write('aime_2024b.json', JSON.stringify(aime2024)), {})).id).toBe('aime:aime_2024b');
    const big = write('big.jsonl', jsonl([{ problem: 'A', answer: '1000' }]));
    await expect(loadAimeFile(big, {})).rejects.toThrow(/row 1: column "answer" is not an integer from 0 to 999/);
  });
});

describe('malformed rows: one line naming file, row and column, never the problem or answer', () => {
  const rejects = async (name: string, content: string, message: string, opts = {}) => {
    const file = write(name, content);
    const error = await loadMathFile(file, opts).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    const text = (error as Error).message;
    expect(text).toBe(`${file}: ${message}`);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('SECRET');
  };

  it('a row without a problem column', () =>
    rejects('noproblem.jsonl', jsonl([{ problem: 'SECRET one', answer: '1' }, { prompt: 'SECRET two', answer: '2' }]),
      'row 2: no problem column (expected "problem", "question", "Problem", "Question"; map another with columns.problem)'));

  it('an empty answer with no boxed solution', () =>
    rejects('emptyanswer.jsonl', jsonl([{ problem: 'SECRET', answer: '  ', solution: 'SECRET 5' }]),
      'row 1: column "answer" is empty and column "solution" has no \\boxed{}'));

  it('no answer column at all', () =>
    rejects('noanswer.json', JSON.stringify([{ Problem: 'SECRET' }]),
      'row 1: no answer column (expected "answer", "Answer" or a "solution", "Solution" with \\boxed{}; map another with columns.answer)'));

  it('a bad JSON line', () =>
    rejects('bad.jsonl', `${JSON.stringify({ problem: 'SECRET', answer: '1' })}\n{"problem": "SECRET", answer: 2}\n`,
      `row 2: bad JSON line (${errorOf(() => JSON.parse('{"problem": "SECRET", answer: 2}'))})`));

  it('an empty problem, a non-text answer, a missing mapped column, a repeated id', async () => {
    await rejects('emptyproblem.jsonl', jsonl([{ problem: ' ', answer: '1' }]), 'row 1: column "problem" is empty');
    await rejects('objanswer.jsonl', jsonl([{ problem: 'SECRET', answer: { v: 1 } }]), 'row 1: column "answer" is not text or a number');
    await rejects('mapped.jsonl', jsonl([{ text: 'SECRET', answer: 1 }]),
      'row 1: no problem column (expected "body"; map another with columns.problem)', { columns: { problem: 'body' } });
    await rejects('dupe.jsonl', jsonl([{ id: 'p1', problem: 'SECRET a', answer: 1 }, { id: 'p1', problem: 'SECRET b', answer: 2 }]),
      'row 2: duplicate item id "p1" (also row 1)');
  });
});

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

// A real MATH-500 subset (shared/real-outputs, absent in a user's clone): its question/correct_answer columns by mapping.
const realMath500 = join(import.meta.dirname, '../../../shared/real-outputs/math500_r1distill-qwen-14b_thinking-llms-interp.json');
describe.skipIf(!existsSync(realMath500))('a real MATH-500 file (skipped when ../shared/real-outputs is absent)', () => {
  it('loads every task with mapped columns, ids stable and unique', async () => {
    const suite = await loadMathFile(realMath500, { columns: { problem: 'question', answer: 'correct_answer' } });
    expect(suite.items).toHaveLength(332);
    expect(suite.items.every((i) => i.meta?.aimeLike === false)).toBe(true);
    expect(answers(suite).some((a) => a!.includes('\\frac'))).toBe(true);
  });
});
