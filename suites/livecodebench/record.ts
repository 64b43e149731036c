// One problem of LiveCodeBench's code-generation files (the `code_generation_lite` release), field by field.
//
// Checked against LiveCodeBench's loader, lcb_runner/benchmarks/code_generation.py at commit
// 9af8fc86eee8a46432e7cbbfbef5d8d163da6a41 (LiveCodeBench/LiveCodeBench): platform ∈ leetcode, codeforces,
// atcoder; difficulty ∈ easy, medium, hard; contest_date parsed by datetime.fromisoformat;
// public_test_cases is JSON text of [{input, output, testtype}] with testtype stdin or functional;
// private_test_cases is the same JSON text or, when json.loads fails, base64 → zlib → pickle of it;
// metadata is JSON text whose func_name (absent for stdin problems) names the function to call;
// the evaluation judges public + private tests together, in that order.
import { DatasetError } from '../table.ts';
import { privateTestsText, PickleError } from './pickled-str.ts';

export const PLATFORMS = ['leetcode', 'codeforces', 'atcoder'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Platform = (typeof PLATFORMS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

/** What the prompt and the plan need; the tests stay in the file until the problem is judged. */
export interface LcbProblem {
  questionId: string;
  title: string;
  content: string;
  platform: Platform;
  contestId: string;
  /** YYYY-MM-DD of contest_date (its date part). */
  contestDate: string;
  starterCode: string;
  difficulty: Difficulty;
  /** Functional problems: the function Solution().<funcName> (or a top-level one) the tests call. */
  funcName?: string;
  /**
   * Python solutions a file may carry in the extra columns `reference_solution` and `flawed_solution`
   * (the published files have neither): the simulator answers with them.
   */
  solutions?: { reference?: string; flawed?: string };
}

export interface LcbTest {
  input: string;
  output: string;
  testtype: 'stdin' | 'functional';
}

type Row = Record<string, unknown>;

function text(row: Row, field: string, file: string, line: number | null, required: boolean): string {
  const v = row[field];
  if (v === undefined || v === null) {
    if (required) throw new DatasetError(file, line, `field "${field}" is missing`);
    return '';
  }
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'string') throw new DatasetError(file, line, `field "${field}": expected text, got ${typeof v}`);
  if (required && !v.trim()) throw new DatasetError(file, line, `field "${field}" is empty`);
  return v;
}

function oneOf<T extends string>(row: Row, field: string, allowed: readonly T[], file: string, line: number): T {
  const v = text(row, field, file, line, true).trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new DatasetError(file, line, `field "${field}": "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

/** The date part of an ISO date-time (Parquet may hand a Date or epoch ms instead of text). */
function isoDate(row: Row, file: string, line: number): string {
  const v = row.contest_date;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v)).toISOString().slice(0, 10);
  const s = text(row, 'contest_date', file, line, true).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/.exec(s);
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`)))
    throw new DatasetError(file, line, `field "contest_date": "${s}" is not an ISO date`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function metadata(row: Row, file: string, line: number): Record<string, unknown> {
  const raw = row.metadata;
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw === 'object') return raw as Record<string, unknown>;
  try {
    const m = JSON.parse(String(raw));
    if (m && typeof m === 'object' && !Array.isArray(m)) return m as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new DatasetError(file, line, 'field "metadata": expected JSON text of an object');
}

function solutionsOf(row: Row, file: string, line: number): Pick<LcbProblem, 'solutions'> {
  const reference = text(row, 'reference_solution', file, line, false);
  const flawed = text(row, 'flawed_solution', file, line, false);
  if (!reference && !flawed) return {};
  return { solutions: { ...(reference ? { reference } : {}), ...(flawed ? { flawed } : {}) } };
}

/** Validates the plan fields of one row; `line` is its line (JSONL) or row (Parquet) number. */
export function parseProblem(row: Row, file: string, line: number): LcbProblem {
  const funcName = metadata(row, file, line).func_name;
  if (funcName !== undefined && funcName !== null && (typeof funcName !== 'string' || !/^[A-Za-z_]\w*$/.test(funcName)))
    throw new DatasetError(file, line, `field "metadata": func_name ${JSON.stringify(funcName)} is not a Python name`);
  return {
    questionId: text(row, 'question_id', file, line, true).trim(),
    title: text(row, 'question_title', file, line, false).trim(),
    content: text(row, 'question_content', file, line, true),
    platform: oneOf(row, 'platform', PLATFORMS, file, line),
    contestId: text(row, 'contest_id', file, line, false).trim(),
    contestDate: isoDate(row, file, line),
    starterCode: text(row, 'starter_code', file, line, false),
    difficulty: oneOf(row, 'difficulty', DIFFICULTIES, file, line),
    ...(typeof funcName === 'string' ? { funcName } : {}),
    ...solutionsOf(row, file, line),
  };
}

function testList(json: string, field: string, file: string, line: number | null): LcbTest[] {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw new DatasetError(file, line, `field "${field}": not JSON text of a list of tests`);
  }
  if (!Array.isArray(list)) throw new DatasetError(file, line, `field "${field}": expected a list of tests`);
  return list.map((t, i) => {
    const o = t as Record<string, unknown> | null;
    if (!o || typeof o.input !== 'string' || typeof o.output !== 'string' || (o.testtype !== 'stdin' && o.testtype !== 'functional'))
      throw new DatasetError(file, line, `field "${field}": test ${i + 1} needs text input and output and testtype stdin or functional`);
    return { input: o.input, output: o.output, testtype: o.testtype };
  });
}

/** Public then private tests, decoded (the private ones may be pickled), as LiveCodeBench judges them. */
export function parseTests(row: Row, file: string, line: number | null): LcbTest[] {
  const pub = testList(text(row, 'public_test_cases', file, line, false) || '[]', 'public_test_cases', file, line);
  const privRaw = text(row, 'private_test_cases', file, line, false);
  let privJson: string;
  try {
    privJson = privRaw.trim() ? privateTestsText(privRaw) : '[]';
  } catch (e) {
    if (e instanceof PickleError) throw new DatasetError(file, line, `field "private_test_cases": ${e.message}`);
    throw e;
  }
  return [...pub, ...testList(privJson, 'private_test_cases', file, line)];
}
