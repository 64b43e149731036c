// The Codeforces-style suite: the bundled codeforces-sample, and the user's problems in the
// open-r1/codeforces layout (`--suite codeforces:PATH`, JSONL or Parquet).
import { basename, extname, resolve } from 'node:path';
import type { CodeReference, Item, LoadedSuite } from '../../types.ts';
import type { LoadOptions } from '../load-options.ts';
import { DatasetError, itemId, readTable, sha256 } from '../table.ts';
import { buildTests, type BundledProblem } from './problem.ts';
import { problems } from './problems/index.ts';
import { codeforcesPrompt, type PromptOptions } from './prompt.ts';
import { isInteractive, parseRecord, type CodeforcesRecord } from './record.ts';

export { codeforcesPrompt, type PromptOptions } from './prompt.ts';
export { parseRecord, isInteractive, type CodeforcesRecord } from './record.ts';
export type { BundledProblem, FlawedSolution } from './problem.ts';

const SAMPLES = 4;
const VERSION = 1;
const INTERACTIVE = 'interactive problems (they need an interactor, which the judge does not run)';

export type CodeforcesLoadOptions = LoadOptions & PromptOptions;

function toItem(id: string, r: CodeforcesRecord, opts: PromptOptions): Item {
  const complete = r.official_tests.length > 0 && r.official_tests_complete;
  const reference: CodeReference = {
    kind: 'code',
    // Without official tests the examples are all there is: judged, but flagged incomplete.
    tests: r.official_tests.length > 0 ? r.official_tests : r.examples,
    timeLimitMs: Math.round(r.time_limit * 1000),
    memoryLimitMb: r.memory_limit,
    inputMode: r.input_mode,
    testsComplete: complete,
  };
  if (r.generated_checker) reference.checker = r.generated_checker;
  if (r.rating !== null) reference.rating = r.rating;
  const meta: Record<string, unknown> = { rating: r.rating, tags: r.tags, title: r.title };
  if (r.contest_id !== undefined) meta.contestId = r.contest_id;
  if (r.index !== undefined) meta.index = r.index;
  return { id, prompt: codeforcesPrompt(r, opts), reference, meta };
}

/** A bundled problem in the open-r1 layout: examples and tests with outputs from its TypeScript reference. */
export function bundledRecord(p: BundledProblem): CodeforcesRecord & { id: string } {
  const { examples, hidden } = buildTests(p);
  return {
    id: p.id,
    contest_id: 'r1bench-sample',
    index: p.index,
    title: p.title,
    description: p.description,
    input_format: p.inputFormat,
    output_format: p.outputFormat,
    interaction_format: '',
    note: p.note ?? '',
    examples,
    time_limit: p.timeLimitS,
    memory_limit: p.memoryLimitMb,
    rating: p.rating,
    tags: p.tags,
    official_tests: [...examples, ...hidden],
    official_tests_complete: true,
    input_mode: 'stdio',
    generated_checker: p.checker ?? null,
  };
}

let builtRecords: CodeforcesRecord[] | undefined;

/** codeforces-sample: 15 problems written for this project, each with reference and flawed solutions in meta. */
export async function loadCodeforcesSample(opts: PromptOptions = {}): Promise<LoadedSuite> {
  // Generating and solving the tests takes most of a second: once per process is enough.
  builtRecords ??= problems.map(bundledRecord);
  const records = builtRecords;
  const items = problems.map((p, i) => {
    const item = toItem(p.id, records[i]!, opts);
    item.meta = { ...item.meta, solutions: { reference: p.reference, flawed: p.flawed } };
    return item;
  });
  return {
    id: 'codeforces-sample',
    version: VERSION,
    scorer: 'code',
    samples: SAMPLES,
    contentHash: sha256(JSON.stringify(items)),
    source: 'bundled',
    items,
  };
}

/** The user's problems in the open-r1/codeforces layout; interactive ones are skipped and counted. */
export async function loadCodeforcesFile(path: string, opts: CodeforcesLoadOptions = {}): Promise<LoadedSuite> {
  const table = await readTable(path);
  const items: Item[] = [];
  const seen = new Map<string, number>();
  let interactive = 0;
  for (const { row, data } of table.rows) {
    const record = parseRecord(data, path, row);
    if (isInteractive(record)) {
      interactive++;
      continue;
    }
    if (record.official_tests.length === 0 && record.examples.length === 0)
      throw new DatasetError(path, row, 'fields "official_tests" and "examples": no tests to judge against');
    const item = toItem('', record, opts);
    item.id = itemId(data, item.prompt[0]!.content);
    const first = seen.get(item.id);
    if (first !== undefined) throw new DatasetError(path, row, `field "id": "${item.id}" already used in row ${first}`);
    seen.set(item.id, row);
    items.push(item);
  }
  const suite: LoadedSuite = {
    id: opts.suiteId ?? `codeforces:${basename(path, extname(path))}`,
    version: VERSION,
    scorer: 'code',
    samples: SAMPLES,
    contentHash: table.contentHash,
    source: resolve(path),
    items,
  };
  if (interactive > 0) suite.skipped = { count: interactive, reason: INTERACTIVE };
  return suite;
}
