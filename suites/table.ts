// Reads the user's dataset files as rows: JSONL, JSON, CSV or Parquet. Errors name the file and the row.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseCsv } from './csv.ts';

export { parseCsv };

/** A dataset problem the user must fix: one line naming the file, the row and what is wrong. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    detail: string,
  ) {
    super(`${file}${row === null ? '' : `: row ${row}`}: ${detail}`);
    this.name = 'DatasetError';
  }
}

export interface Table {
  file: string;
  /** Each row with its 1-based row number in the file (line for JSONL/CSV, index+1 for JSON/Parquet). */
  rows: { row: number; data: Record<string, unknown> }[];
  /** sha256 of the file's bytes. */
  contentHash: string;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readBytes(file: string): Buffer {
  try {
    if (statSync(file).isDirectory()) throw new DatasetError(file, null, 'is a folder, expected a file');
    return readFileSync(file);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DatasetError(file, null, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`);
  }
}

export async function readTable(file: string, opts: { csvHeader?: boolean } = {}): Promise<Table> {
  const bytes = readBytes(file);
  const contentHash = sha256(bytes);
  const ext = extname(file).toLowerCase();
  let rows: Table['rows'];
  if (ext === '.jsonl' || ext === '.ndjson') rows = parseJsonl(file, bytes.toString('utf8'));
  else if (ext === '.json') rows = parseJson(file, bytes.toString('utf8'));
  else if (ext === '.csv') rows = parseCsvTable(file, bytes.toString('utf8'), opts.csvHeader ?? true);
  else if (ext === '.parquet') rows = await parseParquet(file, bytes);
  else throw new DatasetError(file, null, `unknown file type "${ext || basename(file)}" (expected .jsonl, .json, .csv or .parquet)`);
  return { file, rows, contentHash };
}

function parseJsonl(file: string, text: string): Table['rows'] {
  const rows: Table['rows'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (e) {
      throw new DatasetError(file, i + 1, `bad JSON line (${(e as Error).message})`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new DatasetError(file, i + 1, 'expected a JSON object');
    rows.push({ row: i + 1, data: data as Record<string, unknown> });
  }
  return rows;
}

function parseJson(file: string, text: string): Table['rows'] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DatasetError(file, null, `bad JSON (${(e as Error).message})`);
  }
  // Accept a bare array, or an object holding one array of rows (e.g. { "data": [...] }).
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const arrays = Object.values(data).filter(Array.isArray);
    if (arrays.length === 1) data = arrays[0];
  }
  if (!Array.isArray(data)) throw new DatasetError(file, null, 'expected a JSON array of objects');
  return data.map((d, i) => {
    if (!d || typeof d !== 'object' || Array.isArray(d)) throw new DatasetError(file, i + 1, 'expected a JSON object');
    return { row: i + 1, data: d as Record<string, unknown> };
  });
}

function parseCsvTable(file: string, text: string, header: boolean): Table['rows'] {
  const records = parseCsv(text);
  if (!header) return records.map((r) => ({ row: r.line, data: Object.fromEntries(r.fields.map((f, i) => [String(i), f])) }));
  const [head, ...rest] = records;
  if (!head) return [];
  return rest.map((r) => {
    if (r.fields.length !== head.fields.length)
      throw new DatasetError(file, r.line, `has ${r.fields.length} fields, the header has ${head.fields.length}`);
    return { row: r.line, data: Object.fromEntries(head.fields.map((h, i) => [h, r.fields[i]])) };
  });
}

async function parseParquet(file: string, bytes: Buffer): Promise<Table['rows']> {
  const { parquetReadObjects } = await import('hyparquet');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let objects: Record<string, unknown>[];
  try {
    objects = await parquetReadObjects({ file: buffer });
  } catch (e) {
    throw new DatasetError(file, null, `not a readable Parquet file (${(e as Error).message})`);
  }
  return objects.map((data, i) => ({ row: i + 1, data }));
}

/** First present, non-empty column among `names` (published sets spell the same column differently). */
export function pick(data: Record<string, unknown>, names: readonly string[]): unknown {
  for (const n of names) {
    const v = data[n];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** An item id from the dataset's id column, or a hash of the prompt text: stable across machines and file order. */
export function itemId(data: Record<string, unknown>, promptText: string): string {
  const id = pick(data, ['id', 'unique_id', 'problem_id']);
  if (typeof id === 'string' || typeof id === 'number' || typeof id === 'bigint') return String(id);
  return 'h' + sha256(promptText).slice(0, 16);
}
