// Where LiveCodeBench problems come from: JSONL streamed line by line (each problem remembered as file,
// byte offset and length), or Parquet read column by column (each problem remembered as file and row).
// The tests are read again from there when a problem is judged, never kept for the plan.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import type { LiveCodeBenchReference } from '../../types.ts';
import { DatasetError } from '../table.ts';
import { readLines, readSpan } from './lines.ts';
import { parseProblem, parseTests, type LcbProblem, type LcbTest } from './record.ts';

export type Location = LiveCodeBenchReference['location'];

export interface FoundProblem {
  problem: LcbProblem;
  location: Location;
  /** Line (JSONL) or row (Parquet) number, 1-based, for messages. */
  line: number;
}

/** Every column but the tests: what the prompt, the filters and the plan need. */
const PLAN_COLUMNS = ['question_title', 'question_content', 'platform', 'question_id', 'contest_id', 'contest_date', 'starter_code', 'difficulty', 'metadata'];
const TEST_COLUMNS = ['public_test_cases', 'private_test_cases'];

function parseJsonLine(text: string, file: string, line: number | null): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DatasetError(file, line, `bad JSON line (${(e as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new DatasetError(file, line, 'expected a JSON object');
  return data as Record<string, unknown>;
}

async function* jsonlProblems(file: string, onHash: (h: string) => void): AsyncGenerator<FoundProblem> {
  for await (const l of readLines(file, onHash)) {
    const row = parseJsonLine(l.text, file, l.line);
    // Only the plan fields survive this iteration: the row with its tests is garbage from here on.
    yield { problem: parseProblem(row, file, l.line), location: { file, offset: l.offset, bytes: l.bytes }, line: l.line };
  }
}

async function parquetObjects(file: string, opts: { columns: string[]; rowStart?: number; rowEnd?: number }): Promise<Record<string, unknown>[]> {
  const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
  try {
    const buffer = await asyncBufferFromFile(file);
    return await parquetReadObjects({ file: buffer, ...opts });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatasetError(file, null, 'no such file');
    throw new DatasetError(file, opts.rowStart === undefined ? null : opts.rowStart + 1, `not a readable Parquet file (${(e as Error).message.split('\n')[0]})`);
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function* parquetProblems(file: string, onHash: (h: string) => void): AsyncGenerator<FoundProblem> {
  const rows = await parquetObjects(file, { columns: PLAN_COLUMNS });
  for (const [i, row] of rows.entries()) yield { problem: parseProblem(row, file, i + 1), location: { file, row: i }, line: i + 1 };
  onHash(await fileSha256(file));
}

/** The problems of one file, in file order; `onHash` gets the file's sha256 when they are all read. */
export function readProblems(file: string, onHash: (h: string) => void): AsyncGenerator<FoundProblem> {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return jsonlProblems(file, onHash);
  if (ext === '.parquet') return parquetProblems(file, onHash);
  throw new DatasetError(file, null, `unknown file type "${ext || file}" (expected .jsonl or .parquet, or a folder of test*.jsonl)`);
}

/** A problem's tests (public, then private), read from its file when it is judged. */
export async function loadTests(location: Location): Promise<LcbTest[]> {
  if ('offset' in location) {
    const text = readSpan(location.file, location.offset, location.bytes);
    // The line number is unknown here: the byte offset says where.
    const where = `${location.file} (line at byte ${location.offset})`;
    return parseTests(parseJsonLine(text, where, null), where, null);
  }
  const [row] = await parquetObjects(location.file, { columns: TEST_COLUMNS, rowStart: location.row, rowEnd: location.row + 1 });
  if (!row) throw new DatasetError(location.file, location.row + 1, 'row not found: the file changed since it was loaded');
  return parseTests(row, location.file, location.row + 1);
}
