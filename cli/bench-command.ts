// `r1bench bench`: a load test of a deployment — closed-loop concurrency levels or open-loop Poisson rates.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RunResults } from '../types.ts';
import { writeResultsJson } from '../reports/results-files.ts';
import { clientLoadWarning, cpuWaitText, parseSlo, requestRecord, runLoadTest, writeBenchFiles, type LoadLevelResult } from '../hardware-profiles/index.ts';
import { apiKeyFromEnv, makeEndpoints } from '../runners/index.ts';
import { loadSuite } from '../suites/index.ts';
import { int, numberList, secondsAsMs, UsageError, type Command } from './args.ts';
import { startRunSampling, summarizeRunPerformance } from './performance.ts';
import { clientThreadsFlag } from './run-command.ts';

const help = `r1bench bench --endpoint URL --model NAME [options]

Load test of one deployment. One row per level: throughput, latency percentiles, goodput; the
throughput–latency curve and the saturation point. Writes DIR/bench.json, DIR/bench.csv and the
memory timeline, and DIR/requests.jsonl (every measured request: its key, sentAt, TTFT, TTFA, E2E, tokens,
error; the key is also sent as the x-r1bench-sample header).

  --endpoint URL          OpenAI-compatible base URL (or local:PATH.gguf)
  --model NAME            model name sent in requests
  --concurrency 1,4,16,64 closed loop: streams kept in flight per level (default 1,4,16,64)
  --rate 1,2,4            open loop: Poisson arrivals, requests/s per level (instead of --concurrency)
  --requests N            requests per level (default max(16, 4 × concurrency) or max(16, 10 × rate))
  --duration S            or: seconds per level
  --ramp-up-s S           closed loop: start each level's streams evenly over S seconds instead of all
                          at once (a steady state: requests keep arriving while others stream; about one
                          request's duration is right); requests sent during the ramp-up count
  --warmup N              requests before the first level, left out of the numbers (default 2)
  --prompt-tokens N       synthetic prompt length in tokens (default 256)
  --output-tokens N       max_tokens (default 256; 32768 with --suite)
  --ignore-eos            send ignore_eos: true so each request generates exactly --output-tokens (vLLM, SGLang)
  --suite SUITE           use a suite's prompts instead of synthetic ones
  --slo ttft=MS,tpot=MS,e2e=MS   SLOs for goodput
  --seed N                seed of synthetic prompts and arrivals (default 1)
  --client-threads N      worker threads that stream and timestamp (default as for run, from the highest
                          --concurrency level, 64 for --rate); 1 streams on the main thread
  --api-key-env VAR       read the API key from environment variable VAR
  --out DIR               where to write (default runs/bench-<time>)
  --profile FILE          hardware profile YAML; --server-pid PID; --metrics-url URL: as for run`;

function printLevel(l: LoadLevelResult): void {
  const p = l.performance;
  const ms = (s: { p50: number; p99: number } | null) => (s ? `${s.p50.toFixed(0)}/${s.p99.toFixed(0)}` : '—');
  process.stdout.write(
    `${l.mode === 'concurrency' ? 'concurrency' : 'rate'} ${String(l.load).padEnd(5)} ${p.outputTokensPerSec.toFixed(1).padStart(9)} tok/s  ${p.requestsPerSec.toFixed(2).padStart(7)} req/s  TTFT p50/p99 ${ms(p.ttftMs)} ms  TPOT p50/p99 ${ms(p.tpotMs)} ms${p.goodput ? `  goodput ${p.goodput.requestsPerSec.toFixed(2)} req/s` : ''}${Object.keys(l.errorKinds).length ? `  errors ${JSON.stringify(l.errorKinds)}` : ''}${l.client ? `  client loop delay p99 ${l.client.loopDelayP99Ms.toFixed(1)} ms, CPU ${l.client.cpuPct.toFixed(0)}%${cpuWaitText(l.client)}` : ''}\n`,
  );
  const warning = clientLoadWarning(l.client, p.ttftMs?.p50);
  if (warning) process.stderr.write(`warning: ${l.mode} ${l.load}: ${warning}\n`);
  if (l.mode === 'concurrency' && l.peakInFlight !== undefined && l.peakInFlight < l.load)
    process.stderr.write(`warning: concurrency ${l.load}: at most ${l.peakInFlight} streams were in flight at once (the level ran out of requests before all its streams started): raise --requests, or shorten --ramp-up-s\n`);
}

export const benchCommand: Command = {
  name: 'bench',
  help,
  options: {
    endpoint: { type: 'string' },
    model: { type: 'string' },
    concurrency: { type: 'string' },
    rate: { type: 'string' },
    requests: { type: 'string' },
    duration: { type: 'string' },
    'ramp-up-s': { type: 'string' },
    warmup: { type: 'string' },
    'prompt-tokens': { type: 'string' },
    'output-tokens': { type: 'string' },
    'ignore-eos': { type: 'boolean' },
    suite: { type: 'string' },
    slo: { type: 'string' },
    seed: { type: 'string' },
    'client-threads': { type: 'string' },
    'api-key-env': { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
    'server-pid': { type: 'string' },
    'metrics-url': { type: 'string' },
  },
  async run(v) {
    if (!v.endpoint) throw new UsageError('--endpoint is required');
    if (!v.model) throw new UsageError('--model is required');
    if (v.concurrency && v.rate) throw new UsageError('give --concurrency or --rate, not both');
    const rates = numberList(v.rate, '--rate');
    const concurrency = numberList(v.concurrency, '--concurrency') ?? (rates ? undefined : [1, 4, 16, 64]);
    if (concurrency?.some((c) => !Number.isInteger(c))) throw new UsageError('--concurrency expects whole numbers');
    const apiKey = apiKeyFromEnv(v['api-key-env']);
    const clientThreads = clientThreadsFlag(v['client-threads'], Math.max(...(concurrency ?? [64])));
    // Open loop: no cap on connections, so arrivals never queue in the client (where TTFT would not see the wait).
    const [endpoint] = await makeEndpoints({ endpoints: [v.endpoint], model: v.model, apiKey, concurrency: concurrency ? Math.max(...concurrency) : Infinity, clientThreads });
    const prompts = v.suite ? (await loadSuite(v.suite)).items.map((i) => i.prompt) : undefined;
    const dir = v.out ?? join('runs', `bench-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`);
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} is not empty: a load test writes a directory of its own`);
    mkdirSync(dir, { recursive: true });
    const sampling = await startRunSampling(dir, { profileFile: v.profile, serverPid: int(v['server-pid'], '--server-pid', 1), metricsUrl: v['metrics-url'], endpoints: [v.endpoint] });
    let stopped = false;
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    // Every measured request as it was timed, one JSON line each, written as it arrives.
    const requests = openSync(join(dir, 'requests.jsonl'), 'a');
    try {
      const report = await runLoadTest({
        endpoint: endpoint!,
        model: v.model,
        concurrency,
        rates,
        requestsPerLevel: int(v.requests, '--requests', 1),
        durationMs: v.duration === undefined ? undefined : int(v.duration, '--duration', 1)! * 1000,
        rampUpMs: secondsAsMs(v['ramp-up-s'], '--ramp-up-s', 3600),
        warmupRequests: int(v.warmup, '--warmup', 0),
        promptTokens: int(v['prompt-tokens'], '--prompt-tokens', 1),
        outputTokens: int(v['output-tokens'], '--output-tokens', 1),
        ignoreEos: v['ignore-eos'],
        prompts,
        slo: v.slo ? parseSlo(v.slo) : undefined,
        seed: int(v.seed, '--seed'),
        signal: controller.signal,
        onCompletion: (c) => writeSync(requests, JSON.stringify(requestRecord(c)) + '\n'),
        onLevel: printLevel,
      });
      writeBenchFiles(dir, report);
      await sampling.stop();
      stopped = true;
      // results.json with no suites makes the directory a run like any other: report, compare, leaderboard.
      const results: RunResults = {
        schemaVersion: 2,
        runId: basename(dir),
        model: v.model,
        endpoints: [endpoint!.id],
        createdAt: report.createdAt,
        sampling: { temperature: 0.6, topP: 0.95, maxTokens: report.settings.outputTokens ?? 0 },
        suites: [],
      };
      Object.assign(results, await summarizeRunPerformance(dir, { results }));
      writeResultsJson(dir, results);
      // Loaded only now: the report code is a large part of the heap, and a smaller heap while streaming
      // means shorter garbage-collection pauses (cli/commands.ts).
      const { writeReport } = await import('../reports/index.ts');
      const reportFile = await writeReport(dir);
      const sat = report.saturation[0];
      if (sat) process.stdout.write(sat.reached ? `saturation at ${sat.mode} ${sat.load}\n` : `throughput still rising at the highest ${sat.mode} tried\n`);
      process.stderr.write(`bench results: ${join(dir, 'bench.json')}, ${join(dir, 'bench.csv')}, ${reportFile}\n`);
      return 0;
    } finally {
      closeSync(requests);
      if (!stopped) await sampling.stop();
      await endpoint!.close?.();
    }
  },
};
