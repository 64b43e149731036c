// `npm run bench`: every benchmark of the project, one table, baselines side by side in the same run.
// Writes bench/RESULTS.md with the date, the machine and the command.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { BenchRow } from './row.ts';
import { cpuTimes, stealSince } from './steal.ts';

type Bench = { name: string; load: () => Promise<{ rows: BenchRow[] }> };

const benches: Bench[] = [
  { name: 'client', load: async () => (await import('./client.ts')).benchClient() },
  { name: 'pipeline', load: async () => (await import('./pipeline.ts')).benchPipeline() },
  { name: 'perf', load: async () => (await import('./perf.ts')).benchPerf() },
  { name: 'mmlu', load: async () => (await import('./mmlu.ts')).benchMmlu() },
  { name: 'judge', load: async () => (await import('./judge.ts')).benchJudge() },
  { name: 'report', load: async () => (await import('./report.ts')).benchReport() },
  { name: 'local', load: async () => (await import('./local.ts')).benchLocal() },
  { name: 'ttft-floor', load: async () => (await import('./ttft-floor.ts')).benchTtftFloor() },
  { name: 'sampler', load: async () => (await import('./sampler.ts')).benchSampler() },
  { name: 'client-threads', load: async () => (await import('./client-threads.ts')).benchClientThreads() },
];

const only = process.argv.slice(2);
const cpuAtStart = cpuTimes();
const rows: (BenchRow & { bench: string })[] = [];
for (const b of benches) {
  if (only.length && !only.includes(b.name)) continue;
  process.stderr.write(`bench ${b.name} ...\n`);
  try {
    for (const r of (await b.load()).rows) rows.push({ bench: b.name, ...r });
  } catch (e) {
    rows.push({ bench: b.name, name: 'failed', value: NaN, unit: '', target: String((e as Error).message).slice(0, 120) });
  }
}

const fmt = (x: number) => (Number.isNaN(x) ? '—' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3));
const table = [
  '| bench | measure | value | unit | target / baseline |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.bench} | ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.target} |`),
].join('\n');
const command = `npm run bench${only.length ? ` -- ${only.join(' ')}` : ''}`;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const NOTES = `
Notes
- perf: the TTFT error is split at the moment the known-timing server (its own process) read the request.
  "after the server wrote the token" is the client's own measurement error on the way back; "before the
  server saw the request" also holds the test server's delay in reading hundreds of requests that arrive at
  once on a 2-core machine shared with the client, which is real latency rather than measurement error.
- ttft-floor: the continuous case of issue 14 (512 workers × 3 requests, TTFT 600 ms, 20 ms/token, 30 tokens);
  the C epoll client (bench/c-floor, built with cc) is this machine's floor; error = measured − true. The
  four clients run in 5 interleaved rounds; each value is the median of its rounds (all listed beside it,
  each with the steal during it), so that one round disturbed by the hypervisor's steal does not decide a
  client's number; the "quiet rounds" rows take only the rounds with steal under 2% and no 100 ms window
  with 30 ms or more of it (steal comes in bursts that the round's average hides). run and
  bench open their connections before the first request, as C and the library client do. The "receive
  side" rows split each error where the server read the request: before it (in their target column) is the
  test server's delay in reading requests on the 2 cores it shares with the client; after it, the client's
  own timestamp of the first token.
- client-threads: 1 thread is the in-thread client, 2 is --client-threads 2 (worker threads); CPU per token
  is the whole process's. The 16-core projection assumes the server runs elsewhere and 15 threads at the
  2-thread CPU per token (one core keeps the scheduler and the store).
- local: r1bench's tokens/s is compared both with llama.cpp's own counters and with node-llama-cpp's bare
  token loop; the gap to llama.cpp's counters is inside the binding (sampling, thread hand-offs), not in r1bench.
`;
const steal = stealSince(cpuAtStart);
const stealLine = steal === undefined ? '' : `CPU steal during the run: ${steal.toFixed(1)}% (time the hypervisor gave this VM's cores to other guests; tail latencies and ratios move with it)\n`;
const doc = `# Benchmark results\n\nDate: ${new Date().toISOString()}\nMachine: ${machine}\nCommand: \`${command}\`\n${stealLine}\n${table}\n${NOTES}`;
process.stdout.write(table + '\n');
if (!only.length) writeFileSync(new URL('./RESULTS.md', import.meta.url), doc);
else process.stderr.write('(partial run: bench/RESULTS.md not rewritten)\n');
