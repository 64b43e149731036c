// TTFT measurement error in the continuous case, side by side in one run against the known-timing server
// (its own process; TTFT 600 ms, 20 ms per token, 30 tokens): 512 workers each send 3 requests one after
// another, their first requests spread evenly over one request's duration (RAMP_MS), so that requests keep
// arriving while hundreds stream (all 512 started at once is the burst case, in perf.ts). Four clients: a C
// epoll client (bench/c-floor, the floor of this machine; built with cc, skipped with a note when there is
// none), r1bench's library client (createHttpEndpoint, in a process of its own as a user's program runs
// it), `r1bench bench` (its own reported TTFT, with its client load) and `r1bench run` (results.json's TTFT,
// with the store writing every sample).
// Error = measured − true, ms, per request against the server's truth for the same request: the C client
// and the library client send x-kts-id; `r1bench bench` (requests.jsonl) and `r1bench run` (its store)
// record every request under the key they send as x-r1bench-sample.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { cpuWaitText } from '../hardware-profiles/client-load.ts';
import { median, percentileSorted } from '../hardware-profiles/stats.ts';
import { spawnKnownTimingServer, type KnownTimingProcess } from '../hardware-profiles/testing/known-timing-process.ts';
import type { KnownTiming, StreamTruth } from '../hardware-profiles/testing/known-timing-server.ts';
import type { BenchRow } from './row.ts';
import { cpuTimes, stealSince, watchSteal } from './steal.ts';

const run = promisify(execFile);
const CFG: KnownTiming = { ttftMs: 600, interTokenMs: 20, reasoningTokens: 20, answerTokens: 10, tokensPerChunk: [1] };
const TOKENS = CFG.reasoningTokens + CFG.answerTokens;
/** One request's duration by construction (TTFT + the other tokens): the workers' starts spread over it. */
const RAMP_MS = CFG.ttftMs + (TOKENS - 1) * CFG.interTokenMs;
const C_SOURCE = fileURLToPath(new URL('./c-floor/ttft-floor.c', import.meta.url));
const CLI = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const LIBRARY_CHILD = fileURLToPath(new URL('./ttft-floor-library.ts', import.meta.url));

export interface FloorOptions {
  workers?: number;
  requestsPerWorker?: number;
  /** Rounds of the four clients, interleaved; each client's number is the median of its rounds (default 5). */
  rounds?: number;
}

/** id → the client's measured TTFT (ms) and when it sent the request (epoch ms, sub-ms). */
export type Measured = Map<string, { ttftMs: number; sentAt: number }>;

export interface ErrorStats {
  p50: number;
  p99: number;
  n: number;
  /** p99 of the part before the server read the request (server's arrival − client's send). */
  sendP99: number;
  /** p99 of the rest: from the server's read of the request to the client's timestamp, less the true TTFT. */
  receiveP99: number;
  cpuMsPerRequest?: number;
}

const p99Of = (xs: number[]) => percentileSorted(xs.sort((a, b) => a - b), 99);

/**
 * measured − true for every request the server recorded, and that error split at the moment the server
 * read the request (both clocks are this machine's epoch clock): the send side holds the test server's own
 * delay in reading requests while it streams hundreds of others on the cores the client also uses; the
 * receive side is the client's timestamp of the first token.
 */
async function againstTruth(server: KnownTimingProcess, measured: Measured, cpuMs?: number): Promise<ErrorStats> {
  return errorStats(measured, await server.truth(true), cpuMs);
}

/** againstTruth's arithmetic, on the server's records as given. */
export function errorStats(measured: Measured, records: StreamTruth[], cpuMs?: number): ErrorStats {
  const truth = new Map(records.map((t) => [t.id, t]));
  const errors: number[] = [];
  const send: number[] = [];
  const receive: number[] = [];
  for (const [id, m] of measured) {
    const t = truth.get(id);
    if (!t) throw new Error(`request ${id}: no server record`);
    const error = m.ttftMs - t.ttftMs;
    const before = t.receivedAt - m.sentAt;
    errors.push(error);
    send.push(before);
    receive.push(error - before);
  }
  errors.sort((a, b) => a - b);
  return {
    p50: percentileSorted(errors, 50),
    p99: percentileSorted(errors, 99),
    n: errors.length,
    sendP99: p99Of(send),
    receiveP99: p99Of(receive),
    ...(cpuMs === undefined ? {} : { cpuMsPerRequest: cpuMs / errors.length }),
  };
}

/** Compiles the C floor client; null (with the reason) when this machine has no C compiler. */
export async function buildC(dir: string): Promise<{ bin: string } | { skipped: string }> {
  const bin = join(dir, 'ttft-floor');
  try {
    await run(process.env.CC ?? 'cc', ['-O2', '-o', bin, C_SOURCE]);
    return { bin };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    return { skipped: err.code === 'ENOENT' ? 'no C compiler (cc) on this machine: install gcc or clang, or set CC' : `cc failed: ${String(err.stderr ?? err.message).split('\n')[0]}` };
  }
}

async function cFloor(server: KnownTimingProcess, bin: string, workers: number, perWorker: number): Promise<ErrorStats> {
  await server.truth(true);
  const { stdout } = await run(bin, [String(server.port), String(workers), String(perWorker), String(TOKENS), String(RAMP_MS)], { maxBuffer: 64 * 2 ** 20 });
  const measured: Measured = new Map();
  let cpuMs = 0;
  for (const line of stdout.trim().split('\n')) {
    const f = line.split(' ');
    if (f[0] === 'cpu_ms') cpuMs = Number(f[1]);
    else measured.set(f[0]!, { sentAt: Number(f[1]), ttftMs: Number(f[2]) });
  }
  return againstTruth(server, measured, cpuMs);
}

/** A few streams through the server so that its code is compiled before the C client's round. */
async function warmServer(server: KnownTimingProcess): Promise<void> {
  const ep = createHttpEndpoint(server.url);
  try {
    const req = { model: 'kts', messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0.6, topP: 0.95, maxTokens: TOKENS };
    await Promise.all(Array.from({ length: 32 }, (_, i) => ep.generate(req, { idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, headers: { 'x-kts-id': `warm-${i}` } })));
  } finally {
    await ep.close?.();
  }
}

/** r1bench's library client in a process of its own (bench/ttft-floor-library.ts), under tsx: a user's
 * TypeScript program often runs under it, and its keepNames must not cost the client (cli/ts-hooks.mjs). */
async function library(server: KnownTimingProcess, workers: number, perWorker: number): Promise<ErrorStats> {
  const args = ['--import', 'tsx', LIBRARY_CHILD, server.url, String(workers), String(perWorker), String(RAMP_MS), String(TOKENS)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 2 ** 20 });
  const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { measured: [string, { ttftMs: number; sentAt: number }][]; cpuMs: number };
  return againstTruth(server, new Map(out.measured), out.cpuMs);
}

/** `r1bench bench` in its own process, one closed-loop level with the same ramp-up: per request, the TTFT
 * in its requests.jsonl against the server's truth for the same request (the x-r1bench-sample key). */
async function cliBench(server: KnownTimingProcess, workers: number, perWorker: number): Promise<ErrorStats & ClientSide> {
  const out = mkdtempSync(join(tmpdir(), 'r1bench-ttft-floor-'));
  try {
    const args = [CLI, 'bench', '--endpoint', server.url, '--model', 'kts', '--concurrency', String(workers), '--ramp-up-s', String(RAMP_MS / 1000), '--requests', String(workers * perWorker), '--warmup', String(workers), '--output-tokens', String(TOKENS), '--out', join(out, 'b')];
    await server.truth(true);
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
    if (code !== 0) throw new Error(`r1bench bench exited with ${code}`);
    const lines = readFileSync(join(out, 'b', 'requests.jsonl'), 'utf8').trim().split('\n');
    const measured: Measured = new Map(lines.map((l) => JSON.parse(l) as { key: string; ttftMs: number; sentAt: number }).map((r) => [r.key, { ttftMs: r.ttftMs, sentAt: r.sentAt }]));
    if (measured.size !== workers * perWorker) throw new Error(`r1bench bench recorded ${measured.size} requests, expected ${workers * perWorker}`);
    const stats = await againstTruth(server, measured); // the warm-up's requests are in the truth, not in requests.jsonl
    const level = JSON.parse(readFileSync(join(out, 'b', 'bench.json'), 'utf8')).levels[0];
    return { ...stats, loopDelayP99Ms: level.client?.loopDelayP99Ms, cpuPct: level.client?.cpuPct, cpuWaitPct: level.client?.cpuWaitPct };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `r1bench run` in its own process (a math suite of `workers` items × `perWorker` samples, concurrency
 * `workers`, the same ramp-up, no warm-up: a run starts cold): per sample, the TTFT in its store against the
 * server's truth for the same request (the x-r1bench-sample key); and its performance.client. */
async function cliRun(server: KnownTimingProcess, workers: number, perWorker: number): Promise<ErrorStats & ClientSide> {
  const out = mkdtempSync(join(tmpdir(), 'r1bench-ttft-floor-run-'));
  try {
    const items = join(out, 'items.jsonl');
    writeFileSync(items, Array.from({ length: workers }, (_, i) => JSON.stringify({ id: `q${i}`, problem: 'What is 1 + 1?', answer: '2' })).join('\n') + '\n');
    const dir = join(out, 'run');
    const args = [CLI, 'run', '--suite', `math:${items}`, '--endpoint', server.url, '--model', 'kts', '--samples', String(perWorker), '--concurrency', String(workers), '--ramp-up-s', String(RAMP_MS / 1000), '--skip-doctor', '--no-report', '--max-error-rate', '1', '--out', dir];
    await server.truth(true);
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
    if (code !== 0) throw new Error(`r1bench run exited with ${code}`);
    const db = new Database(join(dir, 'store.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT suite_id, item_id, sample, first_token_ms, sent_at FROM completions WHERE error_kind IS NULL').all() as { suite_id: string; item_id: string; sample: number; first_token_ms: number; sent_at: number }[];
    db.close();
    if (rows.length !== workers * perWorker) throw new Error(`r1bench run stored ${rows.length} samples, expected ${workers * perWorker}`);
    const measured: Measured = new Map(rows.map((r) => [`${r.suite_id}/${r.item_id}/${r.sample}`, { ttftMs: r.first_token_ms, sentAt: r.sent_at }]));
    const stats = await againstTruth(server, measured);
    const client = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).performance?.client;
    return { ...stats, loopDelayP99Ms: client?.loopDelayP99Ms, cpuPct: client?.cpuPct, cpuWaitPct: client?.cpuWaitPct };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

type Client = 'c' | 'lib' | 'bench' | 'run';
/** What `bench` and `run` say about themselves (their performance.client). */
type ClientSide = { loopDelayP99Ms?: number; cpuPct?: number; cpuWaitPct?: number };
type Round = ErrorStats & ClientSide & { stealPct?: number; stealBurstMs?: number };
/** A round counts as quiet below this much steal (%) and with no 100 ms window holding QUIET_BURST_MS or more
 * of it: the numbers a dedicated client machine would see. */
const QUIET_STEAL_PCT = 2;
const QUIET_BURST_MS = 30;
const QUIET = `steal < ${QUIET_STEAL_PCT}%, no burst ≥ ${QUIET_BURST_MS} ms`;

/** A round's steal as listed (one decimal), so that a round is quiet by the listed number and the table can be checked by eye. */
const stealShown = (x: { stealPct?: number }) => (x.stealPct === undefined ? undefined : Number(x.stealPct.toFixed(1)));

/** What a round met, listed beside its number: the hypervisor's steal and, for bench and run, how long
 * their streaming thread waited for a CPU (results.json performance.client.cpuWaitPct). */
function roundNote(x: Round): string {
  const notes = [
    ...(x.stealPct === undefined ? [] : [`steal ${stealShown(x)!.toFixed(1)}%, burst ${x.stealBurstMs} ms`]),
    ...(x.cpuWaitPct === undefined ? [] : [`CPU wait ${x.cpuWaitPct.toFixed(1)}%`]),
  ];
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/** Whether a round was quiet: its steal known, under QUIET_STEAL_PCT as listed, and no burst of QUIET_BURST_MS. */
export function isQuietRound(x: { stealPct?: number; stealBurstMs?: number }): boolean {
  return x.stealPct !== undefined && x.stealBurstMs !== undefined && stealShown(x)! < QUIET_STEAL_PCT && x.stealBurstMs < QUIET_BURST_MS;
}

export async function benchTtftFloor(opts: FloorOptions = {}): Promise<{ rows: BenchRow[] }> {
  const workers = opts.workers ?? 512;
  const perWorker = opts.requestsPerWorker ?? 3;
  const rounds = opts.rounds ?? 5;
  const at = `${workers} workers × ${perWorker}, continuous`;
  const rows: BenchRow[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'r1bench-cfloor-'));
  const server = await spawnKnownTimingServer(CFG);
  // Each round measures the four clients one after another, so that each client meets the machine's
  // passing states (other tenants, the hypervisor's steal) about equally; a client's number is the median
  // of its rounds, which one disturbed round cannot move.
  const results: Record<Client, Round[]> = { c: [], lib: [], bench: [], run: [] };
  const t0 = cpuTimes();
  let cSkipped: string | undefined;
  try {
    const built = await buildC(tmp);
    if ('skipped' in built) cSkipped = built.skipped;
    // Warm-up: JIT the server (one short round) before anything is measured.
    await warmServer(server);
    // Each client's round with the hypervisor's steal during it: a round with a few % of steal moves p99 by
    // tens of ms, for the C floor as for the others.
    const measure = async <T extends ErrorStats>(c: Client, f: () => Promise<T>) => {
      const watch = watchSteal();
      const x = await f();
      const steal = watch.stop();
      results[c].push({ ...x, stealPct: steal?.pct, stealBurstMs: steal?.maxBurstMs });
    };
    for (let r = 0; r < rounds; r++) {
      if ('bin' in built) await measure('c', () => cFloor(server, built.bin, workers, perWorker));
      await measure('lib', () => library(server, workers, perWorker));
      await measure('bench', () => cliBench(server, workers, perWorker));
      await measure('run', () => cliRun(server, workers, perWorker));
    }
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  const steal = stealSince(t0);
  const med = (c: Client, k: 'p50' | 'p99' | 'sendP99' | 'receiveP99' | 'cpuMsPerRequest' | 'loopDelayP99Ms' | 'cpuPct' | 'cpuWaitPct') => median(results[c].map((x) => x[k] ?? NaN));
  const each = (c: Client, k: 'p50' | 'p99' | 'receiveP99') => `rounds ${results[c].map((x) => `${x[k].toFixed(1)}${roundNote(x)}`).join(' / ')}`;
  const quiet = (c: Client) => results[c].filter(isQuietRound);
  const quietP99 = (c: Client) => (quiet(c).length ? median(quiet(c).map((x) => x.p99)) : NaN);
  const floor = results.c.length ? { p50: med('c', 'p50'), p99: med('c', 'p99'), cpu: med('c', 'cpuMsPerRequest') } : undefined;
  if (floor)
    rows.push(
      { name: `TTFT error p50, ${at}, C epoll client (floor)`, value: floor.p50, unit: 'ms', target: `floor; ${each('c', 'p50')}` },
      { name: `TTFT error p99, ${at}, C epoll client (floor)`, value: floor.p99, unit: 'ms', target: `floor; ${each('c', 'p99')}` },
      { name: `client CPU per request, ${at}, C epoll client (floor)`, value: floor.cpu, unit: 'ms', target: 'floor' },
    );
  else rows.push({ name: `C epoll client (floor), ${at}`, value: NaN, unit: '', target: `skipped: ${cSkipped}` });
  const vs = (c: Client, k: 'p50' | 'p99') => {
    const x = med(c, k);
    const goal = floor ? `C floor ${floor[k].toFixed(1)} ms; issue target ${k === 'p50' ? '≤ 2 ms' : `≤ ${Math.max(10, 1.5 * floor.p99).toFixed(1)} ms`}` : `issue target ${k === 'p50' ? '≤ 2 ms' : '≤ max(10 ms, 1.5× C floor)'}`;
    return `${goal}; ${each(c, k)}${x < 0 ? ' (negative: measured before the truth)' : ''}`;
  };
  const selfNote = (c: Client) => `CPU ${med(c, 'cpuPct').toFixed(0)}% of a core${cpuWaitText({ cpuWaitPct: med(c, 'cpuWaitPct') })} (medians of the rounds); warning above 20 ms`;
  const lib = 'r1bench library client (createHttpEndpoint)';
  const bench = 'r1bench bench (per request, from requests.jsonl)';
  const run = 'r1bench run (per sample, from its store)';
  rows.push(
    { name: `TTFT error p50, ${at}, ${lib}`, value: med('lib', 'p50'), unit: 'ms', target: vs('lib', 'p50') },
    { name: `TTFT error p99, ${at}, ${lib}`, value: med('lib', 'p99'), unit: 'ms', target: vs('lib', 'p99') },
    { name: `client CPU per request, ${at}, r1bench library client`, value: med('lib', 'cpuMsPerRequest'), unit: 'ms', target: floor ? `C floor ${floor.cpu.toFixed(2)} ms` : '' },
    { name: `TTFT error p50, ${at}, ${bench}`, value: med('bench', 'p50'), unit: 'ms', target: vs('bench', 'p50') },
    { name: `TTFT error p99, ${at}, ${bench}`, value: med('bench', 'p99'), unit: 'ms', target: vs('bench', 'p99') },
    { name: `client event-loop delay p99, ${at}, r1bench bench (bench.json client)`, value: med('bench', 'loopDelayP99Ms'), unit: 'ms', target: selfNote('bench') },
    { name: `TTFT error p50, ${at}, ${run}`, value: med('run', 'p50'), unit: 'ms', target: vs('run', 'p50') },
    { name: `TTFT error p99, ${at}, ${run}`, value: med('run', 'p99'), unit: 'ms', target: vs('run', 'p99') },
    { name: `client event-loop delay p99, ${at}, r1bench run (results.json performance.client)`, value: med('run', 'loopDelayP99Ms'), unit: 'ms', target: selfNote('run') },
  );
  // Where each client's p99 comes from: the error split at the moment the server read the request. The send
  // side is the test server's delay in reading a request while it streams hundreds of others on the 2 cores
  // the client also uses (more of it the more CPU the client takes from the server); the receive side is the
  // client's own timestamp of the first token.
  const names: [Client, string][] = [['c', 'C epoll client (floor)'], ['lib', lib], ['bench', bench], ['run', run]];
  for (const [c, name] of names) {
    if (!results[c].length) continue;
    rows.push({
      name: `TTFT error p99 after the server read the request (receive side), ${at}, ${name}`,
      value: med(c, 'receiveP99'),
      unit: 'ms',
      target: `before it (client's write → server's read) p99 ${med(c, 'sendP99').toFixed(1)} ms; ${each(c, 'receiveP99')}`,
    });
  }
  // The same p99 over the quiet rounds only (steal under QUIET_STEAL_PCT, no burst), every client against the C floor's
  // quiet rounds: what the clients do on a machine that is not being taken away from them.
  if (steal !== undefined) {
    const cQuiet = floor ? quietP99('c') : NaN;
    for (const [c, name] of names) {
      if (c === 'c' && !floor) continue;
      const goal = c === 'c' || Number.isNaN(cQuiet) ? '' : `; issue target ≤ ${Math.max(10, 1.5 * cQuiet).toFixed(1)} ms against the floor's quiet rounds`;
      rows.push({ name: `TTFT error p99, ${at}, ${name}, quiet rounds (${QUIET})`, value: quietP99(c), unit: 'ms', target: `median of ${quiet(c).length} of ${results[c].length} rounds${goal}` });
    }
  }
  if (steal !== undefined) rows.push({ name: `CPU steal by the hypervisor during ttft-floor (/proc/stat)`, value: steal, unit: '%', target: "context: the share of this VM's CPU time given to other guests" });
  return { rows };
}
