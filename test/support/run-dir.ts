// Helpers for end-to-end tests: temporary folders, reading a run directory the way an outside tool
// would (SQLite opened read-only, CSV parsed by hand), and checks on what the CLI printed.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnCli, waitCli, type CliResult } from './cli.ts';

const made: string[] = [];

/** A fresh temporary folder, removed by cleanTempDirs(). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `r1b-${prefix}-`));
  made.push(d);
  return d;
}

export function cleanTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface StoredRow {
  suite_id: string;
  item_id: string;
  sample: number;
  reasoning: string | null;
  answer: string | null;
  finish_reason: string | null;
  completion_tokens: number | null;
  attempts: number;
  endpoint: string;
  error_kind: string | null;
  error_message: string | null;
}

/** Every row of the completions table, opened read-only (texts included). */
export function storedRows(dir: string): StoredRow[] {
  const file = join(dir, 'store.sqlite');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM completions ORDER BY suite_id, item_id, sample').all() as StoredRow[];
  } finally {
    db.close();
  }
}

/** Number of completed (non-error) samples; cheap enough to poll. */
export function completedCount(dir: string): number {
  const file = join(dir, 'store.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM completions WHERE error_kind IS NULL').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // the schema may not exist yet in the first milliseconds of a run
  }
}

export const keyOf = (r: { suite_id: string; item_id: string; sample: number }): string => `${r.suite_id}/${r.item_id}/${r.sample}`;

/** Every file and folder under dir, as sorted relative paths, leaving out `skip` (absolute paths). */
export function listTree(dir: string, skip: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (skip.includes(p)) continue;
      out.push(relative(dir, p));
      if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Every regular file under dir (absolute paths). */
export function filesUnder(dir: string): string[] {
  return listTree(dir)
    .map((p) => join(dir, p))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile());
}

export const nonEmptyLines = (s: string): string[] => s.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');

/** A bad-input failure as the issue asks: non-zero exit, stderr exactly one line, no stack frames. */
/**
 * The failure is one line, with no stack trace. `afterStart`: the run had started, so the status lines
 * printed before it ("starting run …", "warning: …") may precede the error line, which must be last.
 */
export function expectOneLineFailure(res: CliResult, opts: { afterStart?: boolean } = {}): string {
  let lines = nonEmptyLines(res.stderr);
  if (opts.afterStart) lines = lines.filter((l) => !/^(starting run|resuming run|warning:|progress:)/.test(l));
  const problems: string[] = [];
  if (res.code === 0 || res.code === null) problems.push(`exit code ${res.code} (signal ${res.signal})`);
  if (lines.length !== 1) problems.push(`stderr has ${lines.length} non-empty lines`);
  if (/^\s+at /m.test(res.stderr)) problems.push('stderr holds a stack trace');
  if (/internal error/i.test(res.stderr)) problems.push('reported as an internal error');
  if (problems.length) throw new Error(`${problems.join('; ')}:\n${res.stderr}`);
  return lines[0]!;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines) → rows of fields. */
export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

/** samples.csv as objects keyed by its header. */
export function readSamplesCsv(dir: string): Record<string, string>[] {
  const [head, ...rows] = parseCsvText(readFileSync(join(dir, 'samples.csv'), 'utf8'));
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

/** results.json of a run directory. */
export function readResults(dir: string): any {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
}

/** pass@1 recomputed from samples.csv rows of one suite: mean over items of the fraction correct. */
export function passAt1FromCsv(rows: Record<string, string>[], suite: string): { items: number; errors: number; passAt1: number } {
  const byItem = new Map<string, number[]>();
  let errors = 0;
  for (const r of rows) {
    if (r.suite !== suite) continue;
    if (r.error !== '') errors++;
    const list = byItem.get(r.item) ?? [];
    list.push(r.correct === '1' ? 1 : 0);
    byItem.set(r.item, list);
  }
  const perItem = [...byItem.values()].map((l) => l.reduce((a, b) => a + b, 0) / l.length);
  return { items: byItem.size, errors, passAt1: perItem.reduce((a, b) => a + b, 0) / Math.max(1, perItem.length) };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until fn() is true or the time is up; returns whether it became true. */
export async function waitFor(fn: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (fn()) return true;
    await sleep(everyMs);
  }
  return fn();
}

/** runCli with a deadline: a CLI still running after `ms` is killed (SIGKILL) and `timedOut` is set. */
export async function runCliWithin(args: string[], ms: number, env: Record<string, string> = {}): Promise<CliResult & { timedOut: boolean; wallMs: number }> {
  const t0 = Date.now();
  const child = spawnCli(args, env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, ms);
  const res = await waitCli(child);
  clearTimeout(timer);
  return { ...res, timedOut, wallMs: Date.now() - t0 };
}
