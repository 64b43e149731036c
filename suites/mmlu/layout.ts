// Which MMLU layout a path holds: the original CSV release, or published table files (Parquet/JSONL/JSON/CSV).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DatasetError } from '../table.ts';

export interface Layout {
  kind: 'original-csv' | 'tables';
  /** Files holding the questions to ask, sorted. */
  test: string[];
  /** Files holding few-shot examples (original: data/dev/<subject>_dev.csv), sorted. */
  dev: string[];
}

const TABLE_EXTS = new Set(['.parquet', '.jsonl', '.ndjson', '.json', '.csv']);
const ORIGINAL_RE = /_(test|dev|val)\.csv$/i;

function listFiles(dir: string, depth: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) out.push(...listFiles(full, depth - 1));
    // A symlink to a file counts: huggingface_hub's cache links snapshot files to its blobs.
    else if (entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile())) out.push(full);
  }
  return out.sort();
}

function csvsIn(dir: string, suffix: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return listFiles(dir, 0).filter((f) => f.toLowerCase().endsWith(suffix));
}

/** The split a published file belongs to, from its name: test-00000-of-00001.parquet, mmlu_dev.jsonl, validation.json. */
export function splitOf(file: string): 'test' | 'dev' | 'other' | null {
  const name = basename(file).toLowerCase();
  if (/(^|[_.-])test([_.-]|$)/.test(name)) return 'test';
  if (/(^|[_.-])dev([_.-]|$)/.test(name)) return 'dev';
  if (/(^|[_.-])(validation|val|train|auxiliary_train)([_.-]|$)/.test(name)) return 'other';
  return null;
}

/** Subject implied by a file's name: abstract_algebra_test.csv, or the folder of abstract_algebra/test-0000.parquet. */
export function subjectFromPath(file: string): string {
  const stem = basename(file, extname(file)).replace(/_(test|dev|val|validation)$/i, '');
  if (splitOf(stem + '.x') !== null || /^(test|dev|data|train|validation)[-_\d of]*$/i.test(stem)) return basename(dirname(file));
  return stem;
}

export function detectLayout(path: string): Layout {
  if (!existsSync(path)) throw new DatasetError(path, null, 'no such file or folder');
  if (statSync(path).isFile()) {
    const ext = extname(path).toLowerCase();
    if (!TABLE_EXTS.has(ext)) throw new DatasetError(path, null, `unknown file type "${ext}" (expected .csv, .parquet, .jsonl or .json)`);
    if (ORIGINAL_RE.test(path)) {
      const subject = basename(path).replace(ORIGINAL_RE, '');
      const dev = join(dirname(dirname(path)), 'dev', `${subject}_dev.csv`);
      return { kind: 'original-csv', test: [path], dev: existsSync(dev) ? [dev] : [] };
    }
    return { kind: 'tables', test: [path], dev: [] };
  }
  // The original release: <path>/data/test, <path>/test, or <path> itself holding <subject>_test.csv.
  for (const testDir of [join(path, 'data', 'test'), join(path, 'test'), path]) {
    const test = csvsIn(testDir, '_test.csv');
    if (test.length) return { kind: 'original-csv', test, dev: csvsIn(join(dirname(testDir), 'dev'), '_dev.csv') };
  }
  // Published tables. The Hub's MMLU repository repeats every subject under all/: read only that copy.
  const root = existsSync(join(path, 'all')) && statSync(join(path, 'all')).isDirectory() ? join(path, 'all') : path;
  const files = listFiles(root, 2).filter((f) => TABLE_EXTS.has(extname(f).toLowerCase()));
  const named = files.filter((f) => splitOf(f) !== null);
  if (named.length) {
    const test = named.filter((f) => splitOf(f) === 'test');
    if (test.length) return { kind: 'tables', test, dev: named.filter((f) => splitOf(f) === 'dev') };
  }
  const unnamed = files.filter((f) => splitOf(f) === null);
  if (unnamed.length) return { kind: 'tables', test: unnamed, dev: [] };
  throw new DatasetError(
    path,
    null,
    'no MMLU data found: expected data/test/<subject>_test.csv, or .parquet/.jsonl/.json/.csv files with question, choices and answer',
  );
}
