// The user's own math data (AIME 2024/2025 exports, MATH-500, anything with a problem and an answer).
import { basename, extname, resolve } from 'node:path';
import type { Item, LoadedSuite } from '../../types.ts';
import type { LoadOptions } from '../load-options.ts';
import { DatasetError, itemId, readTable } from '../table.ts';
import { lastBoxed } from './boxed.ts';
import { mathPrompt } from './prompt.ts';

// The spellings published math sets use; `opts.columns` ({ problem, answer, solution, id }) overrides each.
const PROBLEM_COLUMNS = ['problem', 'question', 'Problem', 'Question'];
const ANSWER_COLUMNS = ['answer', 'Answer'];
const SOLUTION_COLUMNS = ['solution', 'Solution'];
const ID_COLUMNS = ['id', 'unique_id', 'problem_id', 'ID', 'Id'];
/** Descriptive columns copied into item meta when present (MATH-500: subject, level). */
const META_COLUMNS = ['subject', 'level', 'type', 'year', 'url'];

/** Samples per item: 16 for AIME-like sets (few, hard problems), 4 for larger sets like MATH-500. */
const AIME_SAMPLES = 16;
const OTHER_SAMPLES = 4;

/** An AIME answer: an integer from 0 to 999, possibly written with leading zeros ("033"). */
export function isAimeAnswer(answer: string): boolean {
  return /^\d{1,3}$/.test(answer.trim());
}

/**
 * Loads a JSONL, JSON, CSV or Parquet file of math problems. Each item's meta says `aimeLike`: whether
 * every answer in the set is an AIME integer. Suite id `math:<file name>` unless `opts.suiteId`.
 */
export async function loadMathFile(path: string, opts: LoadOptions = {}): Promise<LoadedSuite> {
  return loadWithKind('math', path, opts);
}

/** `aime:PATH`: like loadMathFile, but every answer must be an integer 0-999 (see validateAimeAnswers). */
export async function loadAimeFile(path: string, opts: LoadOptions = {}): Promise<LoadedSuite> {
  return validateAimeAnswers(await loadWithKind('aime', path, opts));
}

/** Throws a DatasetError naming the file and row of the first answer that is not an integer 0-999. */
export function validateAimeAnswers(suite: LoadedSuite): LoadedSuite {
  for (const item of suite.items) {
    const row = typeof item.meta?.row === 'number' ? item.meta.row : null;
    const column = typeof item.meta?.answerColumn === 'string' ? `column "${item.meta.answerColumn}"` : 'answer';
    if (item.reference.kind !== 'math')
      throw new DatasetError(suite.source, row, `item "${item.id}" is not a math problem`);
    if (!isAimeAnswer(item.reference.answer))
      throw new DatasetError(suite.source, row, `${column} is not an integer from 0 to 999, as AIME answers are (load it as math:PATH to allow any answer)`);
  }
  return suite;
}

async function loadWithKind(kind: string, path: string, opts: LoadOptions): Promise<LoadedSuite> {
  const table = await readTable(path);
  const columns = opts.columns ?? {};
  const names = (key: string, defaults: string[]) => (columns[key] ? [columns[key]] : defaults);
  const problemNames = names('problem', PROBLEM_COLUMNS);
  const answerNames = names('answer', ANSWER_COLUMNS);
  const solutionNames = names('solution', SOLUTION_COLUMNS);
  const idNames = names('id', ID_COLUMNS);
  const fail = (row: number, detail: string): never => {
    throw new DatasetError(path, row, detail);
  };

  const items: Item[] = [];
  const seen = new Map<string, number>();
  for (const { row, data } of table.rows) {
    const problemColumn = problemNames.find((n) => n in data);
    if (!problemColumn) fail(row, `no problem column (expected ${quoted(problemNames)}; map another with columns.problem)`);
    const problem = data[problemColumn!];
    if (typeof problem !== 'string') fail(row, `column "${problemColumn}" is ${isEmpty(problem) ? 'empty' : 'not text'}`);
    if ((problem as string).trim() === '') fail(row, `column "${problemColumn}" is empty`);

    const { answer, answerColumn } = readAnswer(data, answerNames, solutionNames, (d) => fail(row, d));

    const idColumn = idNames.find((n) => !isEmpty(data[n]));
    if (columns.id && !idColumn) fail(row, `column "${columns.id}" is missing or empty`);
    const id = itemId(idColumn ? { id: data[idColumn] } : {}, problem as string);
    const earlier = seen.get(id);
    if (earlier !== undefined) fail(row, `duplicate item id "${id}" (also row ${earlier})`);
    seen.set(id, row);

    const meta: Record<string, unknown> = { row, answerColumn };
    for (const m of META_COLUMNS) if (isScalar(data[m])) meta[m] = typeof data[m] === 'bigint' ? Number(data[m]) : data[m];
    items.push({ id, prompt: mathPrompt(problem as string), reference: { kind: 'math', answer }, meta });
  }

  const aimeLike = items.length > 0 && items.every((i) => i.reference.kind === 'math' && isAimeAnswer(i.reference.answer));
  for (const item of items) item.meta!.aimeLike = aimeLike;
  return {
    id: opts.suiteId ?? `${kind}:${basename(path, extname(path))}`,
    version: 1,
    scorer: 'math',
    samples: aimeLike ? AIME_SAMPLES : OTHER_SAMPLES,
    contentHash: table.contentHash,
    source: resolve(path),
    items,
  };
}

/** The answer column's value, else the last \boxed{} of the solution; never echoes either into errors. */
function readAnswer(
  data: Record<string, unknown>,
  answerNames: string[],
  solutionNames: string[],
  fail: (detail: string) => never,
): { answer: string; answerColumn: string } {
  const answerColumn = answerNames.find((n) => !isEmpty(data[n]));
  if (answerColumn) {
    const v = data[answerColumn];
    if (typeof v === 'string') return { answer: v.trim(), answerColumn };
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') return { answer: String(v), answerColumn };
    return fail(`column "${answerColumn}" is not text or a number`);
  }
  const solutionColumn = solutionNames.find((n) => typeof data[n] === 'string' && data[n] !== '');
  const boxed = solutionColumn ? lastBoxed(data[solutionColumn] as string) : null;
  if (solutionColumn && boxed) return { answer: boxed, answerColumn: solutionColumn };
  const present = answerNames.find((n) => n in data);
  if (present) return fail(`column "${present}" is empty${solutionColumn ? ` and column "${solutionColumn}" has no \\boxed{}` : ''}`);
  if (solutionColumn) return fail(`no answer column (expected ${quoted(answerNames)}) and column "${solutionColumn}" has no \\boxed{}`);
  return fail(`no answer column (expected ${quoted(answerNames)} or a ${quoted(solutionNames)} with \\boxed{}; map another with columns.answer)`);
}

const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isScalar = (v: unknown): boolean => ['string', 'number', 'bigint', 'boolean'].includes(typeof v);
const quoted = (names: string[]): string => names.map((n) => `"${n}"`).join(', ');
