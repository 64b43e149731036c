// Reads what a run left on disk: results.json (required), store.sqlite (optional but expected),
// bench.json (only after a load test). Reports never talk to an endpoint.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RunStore, STORE_FILE, type RunManifest } from '../runners/store.ts';
import { ReportInputError } from './errors.ts';
import { readResultsJson } from './results-files.ts';
import type { RunResults } from '../types.ts';

export interface LoadedRun {
  dir: string;
  results: RunResults;
  manifest: RunManifest | null;
  /** Open read access; call `close()` when done. */
  store: RunStore | null;
  bench: unknown;
  close(): void;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ReportInputError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReportInputError(`${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

export function loadRun(dirArg: string): LoadedRun {
  const dir = resolve(dirArg);
  if (!existsSync(dir)) throw new ReportInputError(`run directory not found: ${dir}`);
  const results = readResultsJson(dir);
  const store = existsSync(join(dir, STORE_FILE)) ? RunStore.open(dir) : null;
  const benchFile = join(dir, 'bench.json');
  const bench = existsSync(benchFile) ? readJson(benchFile) : undefined;
  return {
    dir,
    results,
    manifest: store?.manifest() ?? null,
    store,
    bench,
    close: () => store?.close(),
  };
}

/** Runs loaded together and closed together, whatever happens in between. */
export function withRuns<T>(dirs: string[], fn: (runs: LoadedRun[]) => T): T {
  const runs: LoadedRun[] = [];
  try {
    for (const d of dirs) runs.push(loadRun(d));
    return fn(runs);
  } finally {
    for (const r of runs) r.close();
  }
}

/** A short name for a run in tables: model plus the run id's tail. */
export const runLabel = (r: RunResults): string => `${r.model} (${r.runId})`;
