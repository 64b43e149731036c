// The results store: one SQLite file (WAL) per run directory. A completion is written the moment it
// arrives, in its own transaction, so a crash (even SIGKILL) loses nothing that finished.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Completion, DeploymentChecks, SamplingSettings, Score } from '../types.ts';
import { redact } from './secrets.ts';
import { addVariantColumn } from './store-migrate.ts';
import type { SuiteRequest } from './plan.ts';

export const STORE_FILE = 'store.sqlite';

/** A directory that should hold a run and does not. */
export class NoRunError extends Error {}

export interface SuiteManifest {
  id: string;
  /** What the user typed: a bundled id or KIND:PATH (re-loaded to score). */
  spec: string;
  version: number;
  scorer: 'math' | 'choice' | 'code' | 'gpqa';
  contentHash: string;
  source: string;
  samples: number;
  items: number;
  skipped?: { count: number; reason: string };
  /** How the suite was asked for, to load the same items again when scoring. */
  request: Omit<SuiteRequest, 'samples'>;
}

export interface RunManifest {
  runId: string;
  createdAt: string;
  model: string;
  endpoints: string[];
  sampling: SamplingSettings;
  suites: SuiteManifest[];
  extraBody?: Record<string, unknown>;
  shard?: { index: number; count: number };
  versions: { r1bench: string; node: string; gitCommit?: string };
  /** The newest deployment checks (doctor's cheap ones): a record, never compared on resume or merge. */
  deployment?: DeploymentChecks;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS completions (
  suite_id TEXT NOT NULL, item_id TEXT NOT NULL, sample INTEGER NOT NULL,
  reasoning TEXT, answer TEXT, finish_reason TEXT,
  prompt_tokens INTEGER, completion_tokens INTEGER, reasoning_tokens INTEGER,
  sent_at REAL NOT NULL, first_token_ms REAL, first_answer_ms REAL, end_ms REAL NOT NULL, gaps_ms TEXT,
  server_timings TEXT, endpoint TEXT NOT NULL, attempts INTEGER NOT NULL,
  error_kind TEXT, error_message TEXT, variant TEXT,
  PRIMARY KEY (suite_id, item_id, sample)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scores (
  suite_id TEXT NOT NULL, item_id TEXT NOT NULL, sample INTEGER NOT NULL,
  correct INTEGER, extracted TEXT, verdict TEXT, detail TEXT,
  PRIMARY KEY (suite_id, item_id, sample)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS timeline (t_ms REAL NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL);
`;

const COMPLETION_COLUMNS = [
  'reasoning', 'answer', 'finish_reason', 'prompt_tokens', 'completion_tokens', 'reasoning_tokens', 'sent_at', 'first_token_ms',
  'first_answer_ms', 'end_ms', 'gaps_ms', 'server_timings', 'endpoint', 'attempts', 'error_kind', 'error_message', 'variant',
];

const CHECKPOINTER = new URL('./store-checkpointer.mjs', import.meta.url);
/** SQLite's own automatic checkpoint, in pages of WAL: what the main connection goes back to without a checkpointer. */
const AUTOCHECKPOINT_PAGES = 1000;

const round2 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);

export class RunStore {
  readonly db: Database.Database;
  private readonly insert: Database.Statement;
  readonly file: string;
  private checkpointer: { worker: Worker; closed: Int32Array } | undefined;

  private constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, STORE_FILE);
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash; only an OS crash could lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    addVariantColumn(this.db);
    // One statement decides, so the rule holds across processes: a completed sample replaces anything,
    // an error replaces only an error. A check-then-write could lose a sample another process just stored.
    this.insert = this.db.prepare(`INSERT INTO completions (suite_id, item_id, sample, ${COMPLETION_COLUMNS.join(', ')})
      VALUES (@suite_id, @item_id, @sample, ${COMPLETION_COLUMNS.map((c) => `@${c}`).join(', ')})
      ON CONFLICT (suite_id, item_id, sample) DO UPDATE SET ${COMPLETION_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
      WHERE excluded.error_kind IS NULL OR completions.error_kind IS NOT NULL`);
  }

  /** Opens the store of a run directory, creating it when there is none. */
  static open(dir: string): RunStore {
    return new RunStore(dir);
  }

  /** Opens the store of an existing run; a directory without one is the caller's mistake, not a new run. */
  static openExisting(dir: string): RunStore {
    if (!existsSync(join(dir, STORE_FILE))) throw new NoRunError(`${dir} holds no r1bench run (${STORE_FILE} not found)`);
    return new RunStore(dir);
  }

  manifest(): RunManifest | null {
    const row = this.db.prepare(`SELECT value FROM manifest WHERE key = 'run'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as RunManifest) : null;
  }

  setManifest(m: RunManifest): void {
    this.db.prepare(`INSERT OR REPLACE INTO manifest VALUES ('run', ?)`).run(JSON.stringify(m));
  }

  /** Other run-level records (e.g. 'hardware': the profile and memory summary), as JSON. */
  meta<T>(key: string): T | null {
    const row = this.db.prepare(`SELECT value FROM manifest WHERE key = ?`).get(`meta:${key}`) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  setMeta(key: string, value: unknown): void {
    this.db.prepare(`INSERT OR REPLACE INTO manifest VALUES (?, ?)`).run(`meta:${key}`, JSON.stringify(value));
  }

  /** Stores one sample. A completed sample replaces an earlier error row; an error never replaces a completed one. */
  put(c: Completion): void {
    this.insert.run({
      suite_id: c.suiteId,
      item_id: c.itemId,
      sample: c.sample,
      reasoning: c.reasoning,
      answer: c.answer,
      finish_reason: c.finishReason,
      prompt_tokens: c.usage?.promptTokens ?? null,
      completion_tokens: c.usage?.completionTokens ?? null,
      reasoning_tokens: c.usage?.reasoningTokens ?? null,
      sent_at: c.timing.sentAt,
      first_token_ms: round2(c.timing.firstTokenMs),
      first_answer_ms: round2(c.timing.firstAnswerTokenMs),
      end_ms: round2(c.timing.endMs),
      gaps_ms: c.timing.chunkGapsMs?.length ? JSON.stringify(c.timing.chunkGapsMs.map(round2)) : null,
      server_timings: c.serverTimings ? JSON.stringify(c.serverTimings) : null,
      endpoint: c.endpoint,
      attempts: c.attempts,
      error_kind: c.error?.kind ?? null,
      error_message: c.error ? redact(c.error.message) : null,
      variant: c.variant ? JSON.stringify(c.variant) : null,
    });
  }

  isComplete(suiteId: string, itemId: string, sample: number): boolean {
    return !!this.db
      .prepare(`SELECT 1 FROM completions WHERE suite_id = ? AND item_id = ? AND sample = ? AND error_kind IS NULL`)
      .get(suiteId, itemId, sample);
  }

  /** Keys `itemId\u0000sample` of the samples of a suite that completed (errors are tried again). */
  completedKeys(suiteId: string): Set<string> {
    const keys = new Set<string>();
    const rows = this.db.prepare(`SELECT item_id, sample FROM completions WHERE suite_id = ? AND error_kind IS NULL`).raw().iterate(suiteId);
    for (const [item, sample] of rows as Iterable<[string, number]>) keys.add(`${item}\u0000${sample}`);
    return keys;
  }

  /** Every stored sample of a suite (or of all suites), read lazily: texts stay on disk until asked for. */
  /** `texts`: true (default) reads both texts; 'answer' leaves out the reasoning; false reads neither. */
  *completions(suiteId?: string, opts: { texts?: boolean | 'answer' } = {}): IterableIterator<Completion> {
    const manifest = this.manifest();
    const cols = opts.texts === false ? `*, NULL AS reasoning, NULL AS answer` : opts.texts === 'answer' ? `*, NULL AS reasoning` : '*';
    const sql = `SELECT ${cols} FROM completions ${suiteId === undefined ? '' : 'WHERE suite_id = ?'} ORDER BY suite_id, item_id, sample`;
    const stmt = this.db.prepare(sql);
    for (const r of (suiteId === undefined ? stmt.iterate() : stmt.iterate(suiteId)) as Iterable<any>) {
      yield rowToCompletion(r, manifest?.runId ?? '');
    }
  }

  counts(): { suiteId: string; completed: number; errors: number }[] {
    return this.db
      .prepare(
        `SELECT suite_id AS suiteId, SUM(error_kind IS NULL) AS completed, SUM(error_kind IS NOT NULL) AS errors FROM completions GROUP BY suite_id`,
      )
      .all() as { suiteId: string; completed: number; errors: number }[];
  }

  putScores(suiteId: string, scores: Score[]): void {
    const del = this.db.prepare(`DELETE FROM scores WHERE suite_id = ?`);
    const ins = this.db.prepare(`INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.db.transaction(() => {
      del.run(suiteId);
      for (const s of scores)
        ins.run(suiteId, s.itemId, s.sample, s.correct === null ? null : s.correct ? 1 : 0, s.extracted, s.verdict ?? null, s.detail ?? null);
    })();
  }

  scores(suiteId: string): Score[] {
    const rows = this.db.prepare(`SELECT * FROM scores WHERE suite_id = ? ORDER BY item_id, sample`).all(suiteId) as any[];
    return rows.map((r) => ({
      itemId: r.item_id,
      sample: r.sample,
      correct: r.correct === null ? null : r.correct === 1,
      extracted: r.extracted,
      verdict: r.verdict ?? undefined,
      detail: r.detail ?? undefined,
    }));
  }

  addTimeline(rows: { tMs: number; source: string; name: string; value: number }[]): void {
    const ins = this.db.prepare(`INSERT INTO timeline VALUES (?, ?, ?, ?)`);
    this.db.transaction(() => rows.forEach((r) => ins.run(r.tMs, r.source, r.name, r.value)))();
  }

  timeline(): { tMs: number; source: string; name: string; value: number }[] {
    return this.db.prepare(`SELECT t_ms AS tMs, source, name, value FROM timeline ORDER BY t_ms`).all() as any[];
  }

  /**
   * For a long write-heavy session (`run`): WAL pages are moved into the database file by a thread of its
   * own (store-checkpointer.mjs) every `intervalMs`, instead of inside a commit, where each checkpoint's
   * fsync held the main thread — and every stream's chunks — for several ms. Commits stay exactly as
   * durable. Should the thread fail, the main connection checkpoints inside its commits again.
   */
  checkpointInBackground(intervalMs = 500): void {
    if (this.checkpointer) return;
    const closed = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(CHECKPOINTER, { workerData: { file: this.file, intervalMs, closed } });
    worker.unref();
    const fallBack = () => {
      if (this.checkpointer?.worker !== worker) return;
      this.checkpointer = undefined;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    };
    worker.on('message', fallBack); // its only message says it failed
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer = { worker, closed };
  }

  close(): void {
    const c = this.checkpointer;
    if (c) {
      // The checkpointer closes first (within 2 s), so that this connection is the last one: closing it
      // checkpoints what is left and removes the WAL file.
      this.checkpointer = undefined;
      c.worker.postMessage('close');
      Atomics.wait(c.closed, 0, 0, 2000);
    }
    this.db.close();
  }
}

function rowToCompletion(r: any, runId: string): Completion {
  return {
    runId,
    suiteId: r.suite_id,
    itemId: r.item_id,
    sample: r.sample,
    reasoning: r.reasoning,
    answer: r.answer,
    finishReason: r.finish_reason,
    usage:
      r.completion_tokens === null
        ? undefined
        : { promptTokens: r.prompt_tokens ?? 0, completionTokens: r.completion_tokens, ...(r.reasoning_tokens === null ? {} : { reasoningTokens: r.reasoning_tokens }) },
    timing: {
      sentAt: r.sent_at,
      firstTokenMs: r.first_token_ms ?? undefined,
      firstAnswerTokenMs: r.first_answer_ms ?? undefined,
      endMs: r.end_ms,
      chunkGapsMs: r.gaps_ms ? JSON.parse(r.gaps_ms) : undefined,
    },
    serverTimings: r.server_timings ? JSON.parse(r.server_timings) : undefined,
    endpoint: r.endpoint,
    attempts: r.attempts,
    ...(r.error_kind ? { error: { kind: r.error_kind, message: r.error_message ?? '' } } : {}),
    ...(r.variant ? { variant: JSON.parse(r.variant) } : {}),
  };
}

