// The LiveCodeBench suite (`--suite livecodebench:PATH`): the code_generation_lite release's JSONL (one
// file, or a folder of its test*.jsonl files) or Parquet, read as a stream. Items hold the prompt and
// where the tests are; the judge reads the tests from the file when it scores a sample.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Item, LiveCodeBenchReference, LoadedSuite } from '../../types.ts';
import type { LoadOptions } from '../load-options.ts';
import { DatasetError } from '../table.ts';
import { liveCodeBenchPrompt } from './prompt.ts';
import { DIFFICULTIES, type Difficulty } from './record.ts';
import { readProblems } from './source.ts';

export { liveCodeBenchPrompt } from './prompt.ts';
export { loadTests, type Location } from './source.ts';
export { parseProblem, parseTests, DIFFICULTIES, PLATFORMS, type LcbProblem, type LcbTest } from './record.ts';
export { privateTestsText, readPickledStr, PickleError } from './pickled-str.ts';
export { readLines, readSpan } from './lines.ts';

/** R1's protocol: 16 samples per LiveCodeBench problem. */
const SAMPLES = 16;
const VERSION = 1;
/** LiveCodeBench's evaluator gives every test 6 seconds (testing_util.run_test's default timeout). */
export const TIME_LIMIT_MS = 6000;

export interface LiveCodeBenchFilter {
  /** Inclusive YYYY-MM-DD bounds on contest_date. */
  since?: string;
  until?: string;
  difficulties?: string[];
}

/** The files of a path: the file itself, or a folder's test*.jsonl (the release's layout), else its *.parquet. */
export function dataFiles(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DatasetError(path, null, code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})`);
  }
  if (!isDir) return [path];
  const names = readdirSync(path).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const jsonl = names.filter((n) => /^test.*\.jsonl$/i.test(n));
  const files = jsonl.length ? jsonl : names.filter((n) => extname(n).toLowerCase() === '.parquet');
  if (files.length === 0) throw new DatasetError(path, null, 'folder holds no test*.jsonl or .parquet files');
  return files.map((n) => join(path, n));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a filter; throws a one-line error naming the option. */
export function checkFilter(f: LiveCodeBenchFilter): void {
  for (const [name, v] of [['since', f.since], ['until', f.until]] as const)
    if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) throw new RangeError(`${name} expects a date YYYY-MM-DD, got "${v}"`);
  if (f.since && f.until && f.since > f.until) throw new RangeError(`since ${f.since} is after until ${f.until}`);
  for (const d of f.difficulties ?? [])
    if (!(DIFFICULTIES as readonly string[]).includes(d)) throw new RangeError(`difficulty expects ${DIFFICULTIES.join(', ')}, got "${d}"`);
}

function selected(p: { contestDate: string; difficulty: Difficulty }, f: LiveCodeBenchFilter): boolean {
  if (f.since && p.contestDate < f.since) return false;
  if (f.until && p.contestDate > f.until) return false;
  return !f.difficulties?.length || f.difficulties.includes(p.difficulty);
}

export type LiveCodeBenchLoadOptions = LoadOptions & LiveCodeBenchFilter;

export async function loadLiveCodeBenchPath(path: string, opts: LiveCodeBenchLoadOptions = {}): Promise<LoadedSuite> {
  try {
    checkFilter(opts);
  } catch (e) {
    throw new DatasetError(path, null, (e as Error).message);
  }
  const files = dataFiles(path);
  const items: Item[] = [];
  const seen = new Map<string, string>();
  const hashes: string[] = [];
  for (const file of files) {
    for await (const { problem: p, location, line } of readProblems(file, (h) => hashes.push(`${basename(file)}:${h}`))) {
      const where = `${basename(file)} line ${line}`;
      const first = seen.get(p.questionId);
      if (first !== undefined) throw new DatasetError(file, line, `field "question_id": "${p.questionId}" already used in ${first}`);
      seen.set(p.questionId, where);
      if (!selected(p, opts)) continue;
      const reference: LiveCodeBenchReference = {
        kind: 'livecodebench',
        location: 'offset' in location ? { ...location, file: resolve(location.file) } : { ...location, file: resolve(location.file) },
        timeLimitMs: TIME_LIMIT_MS,
        difficulty: p.difficulty,
        platform: p.platform,
        ...(p.funcName ? { funcName: p.funcName } : {}),
      };
      const meta: Record<string, unknown> = { title: p.title, platform: p.platform, difficulty: p.difficulty, contestId: p.contestId, contestDate: p.contestDate };
      // The simulator's answers (runners/simulator/answers.ts reads meta.solutions).
      if (p.solutions?.reference || p.solutions?.flawed)
        meta.solutions = {
          reference: p.solutions.reference ? { python: p.solutions.reference } : {},
          flawed: p.solutions.flawed ? [{ language: 'python', code: p.solutions.flawed, flaw: 'flawed_solution column' }] : [],
        };
      items.push({ id: p.questionId, prompt: liveCodeBenchPrompt(p), reference, meta });
    }
  }
  if (items.length === 0 && seen.size > 0 && (opts.since || opts.until || opts.difficulties?.length)) {
    const range = `contest_date ${opts.since ?? 'any'} to ${opts.until ?? 'any'}`;
    throw new DatasetError(path, null, `none of its ${seen.size} problems has ${range}${opts.difficulties?.length ? ` and difficulty ${opts.difficulties.join(', ')}` : ''}`);
  }
  const single = files.length === 1 && files[0] === path;
  return {
    id: opts.suiteId ?? `livecodebench:${basename(path, single ? extname(path) : '')}`,
    version: VERSION,
    scorer: 'code',
    samples: SAMPLES,
    // One file: its own sha256; a folder: the hash of its files' names and hashes, in order.
    contentHash: single ? hashes[0]!.slice(hashes[0]!.indexOf(':') + 1) : createHash('sha256').update(hashes.join('\n')).digest('hex'),
    source: resolve(path),
    items,
  };
}
