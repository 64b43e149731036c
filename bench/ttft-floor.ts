// TTFT measurement error in the continuous case, side by side in one run against the known-timing server
// (its own process; TTFT 600 ms, 20 ms per token, 30 tokens): 512 workers each send 3 requests one after
// another, their first requests spread evenly over one request's duration (RAMP_MS), so that requests keep
// arriving while hundreds stream (all 512 started at once is the burst case, in perf.ts). Four clients: a C
// epoll client (bench/c-floor, the floor of this machine; built with cc, skipped with a note when there is
// none), r1bench's library client (createHttpEndpoint), `r1bench bench` (its own reported TTFT, with its client load) and `r1bench run`
// (results.json's TTFT, with the store writing every sample).
// Error = measured − true, ms: per request against the server's truth for C and the library client;
// for `r1bench bench` and `r1bench run`, whose requests carry no id, their reported p50/p99 minus the
// server's truth p50/p99 over the same requests.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { percentileSorted } from '../hardware-profiles/stats.ts';
import { spawnKnownTimingServer, type KnownTimingProcess } from '../hardware-profiles/testing/known-timing-process.ts';
import type { KnownTiming, StreamTruth } from '../hardware-profiles/testing/known-timing-server.ts';
import type { BenchRow } from './row.ts';

const run = promisify(execFile);
const sleep = (ms: number) => (ms > 0 ? sleepMs(ms) : Promise.resolve());
const CFG: KnownTiming = { ttftMs: 600, interTokenMs: 20, reasoningTokens: 20, answerTokens: 10, tokensPerChunk: [1] };
const TOKENS = CFG.reasoningTokens + CFG.answerTokens;
/** One request's duration by construction (TTFT + the other tokens): the workers' starts spread over it. */
const RAMP_MS = CFG.ttftMs + (TOKENS - 1) * CFG.interTokenMs;
const C_SOURCE = fileURLToPath(new URL('./c-floor/ttft-floor.c', import.meta.url));
const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));

export interface FloorOptions {
  workers?: number;
  requestsPerWorker?: number;
}

/** id → measured TTFT, ms. */
type Measured = Map<string, number>;

interface ErrorStats {
  p50: number;
  p99: number;
  n: number;
  cpuMsPerRequest?: number;
}

function stats(errors: number[], cpuMs?: number): ErrorStats {
  errors.sort((a, b) => a - b);
  return { p50: percentileSorted(errors, 50), p99: percentileSorted(errors, 99), n: errors.length, ...(cpuMs === undefined ? {} : { cpuMsPerRequest: cpuMs / errors.length }) };
}

/** measured − true for every request the server recorded. */
async function againstTruth(server: KnownTimingProcess, measured: Measured, cpuMs?: number): Promise<ErrorStats> {
  const truth = new Map<string, StreamTruth>((await server.truth(true)).map((t) => [t.id, t]));
  const errors: number[] = [];
  for (const [id, ttft] of measured) {
    const t = truth.get(id);
    if (!t) throw new Error(`request ${id}: no server record`);
    errors.push(ttft - t.ttftMs);
  }
  return stats(errors, cpuMs);
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
    else measured.set(f[0]!, Number(f[2]));
  }
  return againstTruth(server, measured, cpuMs);
}

async function library(server: KnownTimingProcess, workers: number, perWorker: number, tag: string, maxTokens = TOKENS): Promise<ErrorStats> {
  const ep = createHttpEndpoint(server.url);
  const req = { model: 'kts', messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0.6, topP: 0.95, maxTokens };
  const measured: Measured = new Map();
  try {
    // Open the connections first (one-token requests), as the C client connects before it starts.
    await Promise.all(Array.from({ length: workers }, (_, w) => ep.generate({ ...req, maxTokens: 1 }, { idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, headers: { 'x-kts-id': `${tag}-open-${w}` } })));
    await server.truth(true);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        await sleep(start + (w * RAMP_MS) / workers - performance.now());
        for (let r = 0; r < perWorker; r++) {
          const id = `${tag}-${w}-${r}`;
          const g = await ep.generate(req, { idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, headers: { 'x-kts-id': id } });
          measured.set(id, g.timing.firstTokenMs!);
        }
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    return againstTruth(server, measured, (cpu.user + cpu.system) / 1000);
  } finally {
    await ep.close?.();
  }
}

/** `r1bench bench` in its own process, one closed-loop level; its reported TTFT quantiles against the truth's. */
async function cliBench(server: KnownTimingProcess, workers: number, perWorker: number): Promise<ErrorStats & { loopDelayP99Ms?: number; cpuPct?: number }> {
  const out = mkdtempSync(join(tmpdir(), 'r1bench-ttft-floor-'));
  try {
    const args = ['--import', 'tsx', CLI, 'bench', '--endpoint', server.url, '--model', 'kts', '--concurrency', String(workers), '--ramp-up-s', String(RAMP_MS / 1000), '--requests', String(workers * perWorker), '--warmup', String(workers), '--output-tokens', String(TOKENS), '--out', join(out, 'b')];
    await server.truth(true);
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
    if (code !== 0) throw new Error(`r1bench bench exited with ${code}`);
    // The warm-up's streams (all finished before the level starts) are the first to arrive: left out.
    const arrived = (await server.truth(true)).sort((a, b) => a.index - b.index);
    const measuredTruth = arrived.slice(workers).map((t) => t.ttftMs).sort((a, b) => a - b);
    const level = JSON.parse(readFileSync(join(out, 'b', 'bench.json'), 'utf8')).levels[0];
    const ttft = level.performance.ttftMs as { p50: number; p99: number };
    return {
      p50: ttft.p50 - percentileSorted(measuredTruth, 50),
      p99: ttft.p99 - percentileSorted(measuredTruth, 99),
      n: level.sent,
      loopDelayP99Ms: level.client?.loopDelayP99Ms,
      cpuPct: level.client?.cpuPct,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** `r1bench run` in its own process (a math suite of `workers` items × `perWorker` samples, concurrency
 * `workers`, the same ramp-up); its results.json TTFT quantiles against the truth's for its samples. */
async function cliRun(server: KnownTimingProcess, workers: number, perWorker: number): Promise<ErrorStats & { loopDelayP99Ms?: number; cpuPct?: number }> {
  const out = mkdtempSync(join(tmpdir(), 'r1bench-ttft-floor-run-'));
  try {
    const items = join(out, 'items.jsonl');
    writeFileSync(items, Array.from({ length: workers }, (_, i) => JSON.stringify({ id: `q${i}`, problem: 'What is 1 + 1?', answer: '2' })).join('\n') + '\n');
    const dir = join(out, 'run');
    const args = ['--import', 'tsx', CLI, 'run', '--suite', `math:${items}`, '--endpoint', server.url, '--model', 'kts', '--samples', String(perWorker), '--concurrency', String(workers), '--ramp-up-s', String(RAMP_MS / 1000), '--skip-doctor', '--no-report', '--max-error-rate', '1', '--out', dir];
    await server.truth(true);
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
    if (code !== 0) throw new Error(`r1bench run exited with ${code}`);
    // The deployment checks' probes come first: only the run's own samples (the last to arrive) count.
    const n = workers * perWorker;
    const arrived = (await server.truth(true)).sort((a, b) => a.index - b.index);
    const truth = arrived.slice(-n).map((t) => t.ttftMs).sort((a, b) => a - b);
    const perf = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')).performance;
    if (perf.requests !== n) throw new Error(`r1bench run stored ${perf.requests} samples, expected ${n}`);
    return {
      p50: perf.ttftMs.p50 - percentileSorted(truth, 50),
      p99: perf.ttftMs.p99 - percentileSorted(truth, 99),
      n,
      loopDelayP99Ms: perf.client?.loopDelayP99Ms,
      cpuPct: perf.client?.cpuPct,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function benchTtftFloor(opts: FloorOptions = {}): Promise<{ rows: BenchRow[] }> {
  const workers = opts.workers ?? 512;
  const perWorker = opts.requestsPerWorker ?? 3;
  const at = `${workers} workers × ${perWorker}, continuous`;
  const rows: BenchRow[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'r1bench-cfloor-'));
  const server = await spawnKnownTimingServer(CFG);
  try {
    const built = await buildC(tmp);
    // Warm-up: JIT the server and the library client (one full round) before anything is measured.
    await library(server, workers, 1, 'warm');
    let floor: ErrorStats | undefined;
    if ('bin' in built) {
      floor = await cFloor(server, built.bin, workers, perWorker);
      rows.push(
        { name: `TTFT error p50, ${at}, C epoll client (floor)`, value: floor.p50, unit: 'ms', target: 'floor' },
        { name: `TTFT error p99, ${at}, C epoll client (floor)`, value: floor.p99, unit: 'ms', target: 'floor' },
        { name: `client CPU per request, ${at}, C epoll client (floor)`, value: floor.cpuMsPerRequest!, unit: 'ms', target: 'floor' },
      );
    } else rows.push({ name: `C epoll client (floor), ${at}`, value: NaN, unit: '', target: `skipped: ${built.skipped}` });
    const vs = (x: number, k: 'p50' | 'p99') => (floor ? `C floor ${floor[k].toFixed(1)} ms; issue target ${k === 'p50' ? '≤ 2 ms' : `≤ ${Math.max(10, 1.5 * floor.p99).toFixed(1)} ms`}` : `issue target ${k === 'p50' ? '≤ 2 ms' : '≤ max(10 ms, 1.5× C floor)'}`) + (x < 0 ? ' (negative: measured before the truth)' : '');
    const lib = await library(server, workers, perWorker, 'lib');
    rows.push(
      { name: `TTFT error p50, ${at}, r1bench library client (createHttpEndpoint)`, value: lib.p50, unit: 'ms', target: vs(lib.p50, 'p50') },
      { name: `TTFT error p99, ${at}, r1bench library client (createHttpEndpoint)`, value: lib.p99, unit: 'ms', target: vs(lib.p99, 'p99') },
      { name: `client CPU per request, ${at}, r1bench library client`, value: lib.cpuMsPerRequest!, unit: 'ms', target: floor ? `C floor ${floor.cpuMsPerRequest!.toFixed(2)} ms` : '' },
    );
    const cli = await cliBench(server, workers, perWorker);
    rows.push(
      { name: `TTFT error p50, ${at}, r1bench bench (reported p50 − true p50)`, value: cli.p50, unit: 'ms', target: vs(cli.p50, 'p50') },
      { name: `TTFT error p99, ${at}, r1bench bench (reported p99 − true p99)`, value: cli.p99, unit: 'ms', target: vs(cli.p99, 'p99') },
      { name: `client event-loop delay p99, ${at}, r1bench bench (bench.json client)`, value: cli.loopDelayP99Ms ?? NaN, unit: 'ms', target: `CPU ${cli.cpuPct?.toFixed(0) ?? '?'}% of a core; warning above 20 ms` },
    );
    const runStats = await cliRun(server, workers, perWorker);
    rows.push(
      { name: `TTFT error p50, ${at}, r1bench run (results.json p50 − true p50)`, value: runStats.p50, unit: 'ms', target: vs(runStats.p50, 'p50') },
      { name: `TTFT error p99, ${at}, r1bench run (results.json p99 − true p99)`, value: runStats.p99, unit: 'ms', target: vs(runStats.p99, 'p99') },
      { name: `client event-loop delay p99, ${at}, r1bench run (results.json performance.client)`, value: runStats.loopDelayP99Ms ?? NaN, unit: 'ms', target: `CPU ${runStats.cpuPct?.toFixed(0) ?? '?'}% of a core; warning above 20 ms` },
    );
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rows };
}
