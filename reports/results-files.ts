// results.json (schemaVersion 2; version 1 files are still read) and samples.csv: the machine-readable outputs of every run.
import { stringify } from 'csv-stringify/sync';
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResults } from '../types.ts';
import { NoRunError, RunStore } from '../runners/index.ts';

export const RESULTS_FILE = 'results.json';
export const SAMPLES_FILE = 'samples.csv';
/** The results.json versions this build reads; it writes the last. */
export const SCHEMA_VERSIONS: readonly number[] = [1, 2];

/** A write that failed, naming the file (Node leaves the path out of write errors). */
export class ResultsWriteError extends Error {
  constructor(file: string, e: unknown) {
    const err = e as NodeJS.ErrnoException;
    super(`${err.code === 'ENOSPC' ? 'disk full' : 'cannot write'} while writing ${file} (${err.message}); the run's samples are safe in its store: free space and run \`r1bench score ${file.replace(/\/[^/]+$/, '')}\``);
  }
}

/** Written to a temporary name first, then renamed: a crash never leaves half a results.json. */
export function writeResultsJson(dir: string, results: RunResults): string {
  const file = join(dir, RESULTS_FILE);
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2) + '\n');
    renameSync(`${file}.tmp`, file);
  } catch (e) {
    throw new ResultsWriteError(file, e);
  }
  return file;
}

/** The run's results.json, checked: one-line errors for a missing, unreadable or foreign file. */
export function readResultsJson(dir: string): RunResults {
  const file = join(dir, RESULTS_FILE);
  if (!existsSync(file)) throw new NoRunError(`${dir}: no results.json (score the run first: r1bench score ${dir})`);
  let data: RunResults;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new NoRunError(`${file}: cannot read results (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]})`);
  }
  // Version 2 lets stderr, ci95 and a rating's value be null; a version 1 file simply never holds those nulls.
  if (!SCHEMA_VERSIONS.includes(data?.schemaVersion as number)) throw new NoRunError(`${file}: unsupported schemaVersion ${data?.schemaVersion} (this r1bench reads ${SCHEMA_VERSIONS.join(' and ')})`);
  if (!Array.isArray(data.suites)) throw new NoRunError(`${file}: not a results file (no "suites" array)`);
  return data;
}

const HEADER = [
  'suite', 'item', 'sample', 'extracted', 'correct', 'verdict', 'finish_reason', 'prompt_tokens', 'completion_tokens',
  'reasoning_tokens', 'ttft_ms', 'ttfa_ms', 'e2e_ms', 'attempts', 'endpoint', 'error',
];

/** One row per stored sample with its verdict; streamed, so a full MMLU run never sits in memory. */
export function writeSamplesCsv(dir: string): string {
  const file = join(dir, SAMPLES_FILE);
  const store = RunStore.openExisting(dir);
  let fd: number;
  try {
    fd = openSync(`${file}.tmp`, 'w');
  } catch (e) {
    store.close();
    throw new ResultsWriteError(file, e);
  }
  try {
    writeSync(fd, stringify([HEADER]));
    for (const s of store.manifest()?.suites ?? []) {
      const scores = new Map(store.scores(s.id).map((x) => [`${x.itemId}\u0000${x.sample}`, x]));
      const rows: unknown[][] = [];
      for (const c of store.completions(s.id, { texts: false })) {
        const v = scores.get(`${c.itemId}\u0000${c.sample}`);
        rows.push([
          c.suiteId, c.itemId, c.sample, v?.extracted ?? '', v?.correct === undefined || v.correct === null ? '' : v.correct ? 1 : 0,
          v?.verdict ?? '', c.finishReason ?? '', c.usage?.promptTokens ?? '', c.usage?.completionTokens ?? '', c.usage?.reasoningTokens ?? '',
          c.timing.firstTokenMs ?? '', c.timing.firstAnswerTokenMs ?? '', c.error ? '' : c.timing.endMs, c.attempts, c.endpoint, c.error?.message ?? '',
        ]);
        if (rows.length >= 2000) writeSync(fd, stringify(rows.splice(0)));
      }
      if (rows.length) writeSync(fd, stringify(rows));
    }
  } catch (e) {
    throw new ResultsWriteError(file, e);
  } finally {
    closeSync(fd);
    store.close();
  }
  try {
    renameSync(`${file}.tmp`, file);
  } catch (e) {
    throw new ResultsWriteError(file, e);
  }
  return file;
}
