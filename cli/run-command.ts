// `r1bench run`: flags and config file → one run of one deployment, then scoring and the report.
import { setReferenceModel } from '../reports/model-card.ts';
import { TEXT_SCORERS } from '../scorers/score-run.ts';
import { warmUpSampleCode } from '../runners/warm-up.ts';
import { apiKeyFromEnv, defaultClientThreads, executeRun, Progress, type ExecuteOptions, type SuiteRequest } from '../runners/index.ts';
import { int, num, secondsAsMs, UsageError, type Command } from './args.ts';
import { loadConfig, type RunConfigFile } from './config.ts';
import { finishRun } from './finish.ts';
import { RunDirLease } from './run-lease.ts';
import { DeploymentCheckError } from '../runners/doctor/run-checks.ts';
import { parseColumns, parseShard } from './parse-flags.ts';
import { parseSlo } from '../hardware-profiles/index.ts';
import { startRunSampling, type SamplingOptions } from './performance.ts';
import { summaryTable } from './summary.ts';
import type { Slo } from '../hardware-profiles/index.ts';

export const R1_DEFAULTS = { temperature: 0.6, topP: 0.95, maxTokens: 32768, concurrency: 32, maxAttempts: 4, idleTimeoutMs: 120_000, totalTimeoutMs: 3_600_000, maxErrorRate: 0.05 };

const help = `r1bench run --suite SUITE [--suite ...] --endpoint URL [--endpoint URL ...] --model NAME [options]

Runs suites against one deployment (one model, possibly several replica endpoints), stores every
sample the moment it arrives, then scores them and writes results.json, samples.csv and report.html.

  --suite SUITE          bundled suite id (aime-sample, mmlu-sample, codeforces-sample), a preset of R1's table
                         (aime24, aime25, math500, gpqa-diamond, livecodebench, codeforces, mmlu, mmlu-pro;
                         see r1bench suites) or KIND:PATH
                         with KIND math, mmlu, codeforces or gpqa (JSONL, JSON, CSV or Parquet; mmlu: a folder too)
  --suite-id ID          suite id for a KIND:PATH suite (default KIND:<file name without extension>;
                         KIND:<folder>/<name> for generic names: test, train, validation, val, dev, eval, data, all, default)
  --endpoint URL         OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1; repeat for replicas;
                         or local:PATH.gguf to run a GGUF model in-process (node-llama-cpp)
  --threads N            local: CPU threads (default: physical cores)
  --parallel N           local: sequences evaluated together (default 1 on a CPU, 4 on a GPU)
  --context-size N       local: context size in tokens
  --model NAME           model name sent in requests
  --samples K            samples per item (default per suite: 16 for aime-sample, 4 for mmlu-sample and codeforces-sample)
  --limit N              only the first N items of each suite
  --subjects A,B         MMLU: only these subjects
  --limit-per-subject N  MMLU: only the first N questions of each subject
  --few-shot K           MMLU: K examples from the dev split before each question (default 0: zero-shot)
  --prompt-language L    Codeforces: ask for cpp (default) or python
  --since YYYY-MM-DD     LiveCodeBench: only problems with contest_date on or after this day
  --until YYYY-MM-DD     LiveCodeBench: only problems with contest_date on or before this day
                         (DeepSeek-R1's 65.9 pass@1 is for --since 2024-08-01 --until 2025-01-31)
  --difficulty D,...     LiveCodeBench: only these difficulties (easy, medium, hard)
  --columns K=V,...      column mapping for unusual files, e.g. problem=text,answer=gold
  --concurrency N        requests in flight (default 32)
  --ramp-up-s S          start the --concurrency streams evenly over S seconds instead of all at once (a cold
                         server is not hit by every prefill at t=0; timing measures a steady state)
  --per-endpoint-concurrency N   at most N in flight on each replica
  --client-threads N     worker threads that stream and timestamp (the main thread keeps the scheduler and
                         the store); default 1 when --concurrency ≤ 64 or the machine has ≤ 2 cores, else
                         min(cores − 1, ceil(concurrency / 256)); 1 streams on the main thread
  --max-tokens T         default 32768 (R1's protocol)
  --temperature X        default 0.6
  --top-p X              default 0.95
  --seed N               sent as the request's seed
  --api-key-env VAR      read the API key from environment variable VAR (never written anywhere)
  --reference NAME       model-card row the report compares with (DeepSeek-R1, R1-Zero, Distill-Qwen-7B, ...)
                         when the served model's name names none
  --out DIR              run directory (default runs/<run-id>); running again with the same DIR resumes
  --resume               insist that DIR holds the run to resume
  --config FILE          YAML configuration (schema: config.schema.json); flags override it
  --max-attempts N       attempts per sample on 429/5xx/dropped connections (default 4)
  --idle-timeout-ms MS   no bytes for this long = stalled stream (default 120000)
  --total-timeout-ms MS  whole request (default 3600000)
  --max-error-rate X     exit non-zero when more than this fraction of samples failed (default 0.05)
  --shard I/N            run only shard I of N (split by item id hash); combine with r1bench merge
  --slo ttft=MS,tpot=MS,e2e=MS   SLOs for goodput (ttfa too)
  --profile FILE         hardware profile YAML of the deployment (engine, GPUs, price per hour)
  --server-pid PID       sample the RSS of a local server process (llama-server, Ollama) during the run
  --metrics-url URL      scrape the server's Prometheus /metrics during the run (vLLM, SGLang, llama.cpp)
  --skip-doctor          run even when a deployment check fails (no reasoning, max_tokens ignored, broken
                         stream); the checks still run, are stored and printed as warnings
  --unsafe-judge         run model-written code without a sandbox (never on a shared machine)
  --piston-url URL       judge code on a Piston executor pool instead of the local sandbox (repeatable)
  --no-report            skip the HTML report`;

export const runOptions = {
  suite: { type: 'string', multiple: true },
  'suite-id': { type: 'string' },
  endpoint: { type: 'string', multiple: true },
  model: { type: 'string' },
  samples: { type: 'string' },
  limit: { type: 'string' },
  subjects: { type: 'string' },
  'limit-per-subject': { type: 'string' },
  'few-shot': { type: 'string' },
  columns: { type: 'string' },
  'prompt-language': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  difficulty: { type: 'string' },
  threads: { type: 'string' },
  parallel: { type: 'string' },
  'context-size': { type: 'string' },
  concurrency: { type: 'string' },
  'per-endpoint-concurrency': { type: 'string' },
  'ramp-up-s': { type: 'string' },
  'client-threads': { type: 'string' },
  'max-tokens': { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  seed: { type: 'string' },
  'api-key-env': { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'boolean' },
  config: { type: 'string' },
  'max-attempts': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  'total-timeout-ms': { type: 'string' },
  'max-error-rate': { type: 'string' },
  shard: { type: 'string' },
  slo: { type: 'string' },
  profile: { type: 'string' },
  'server-pid': { type: 'string' },
  'metrics-url': { type: 'string' },
  'unsafe-judge': { type: 'boolean' },
  'skip-doctor': { type: 'boolean' },
  'piston-url': { type: 'string', multiple: true },
  'no-report': { type: 'boolean' },
  reference: { type: 'string' },
} as const;

/** --client-threads N (1 to 256), else the default for this machine's cores and the concurrency. */
export function clientThreadsFlag(value: string | undefined, concurrency: number): number {
  const n = int(value, '--client-threads', 1);
  if (n !== undefined && n > 256) throw new UsageError(`--client-threads expects an integer from 1 to 256, got "${value}"`);
  return n ?? defaultClientThreads(concurrency);
}

/** Flags over config file over R1's defaults. */
export interface ResolvedRun {
  exec: ExecuteOptions;
  cfg: RunConfigFile;
  maxErrorRate: number;
  slo?: Slo;
  memorySampling: SamplingOptions;
}

export function resolveRun(v: Record<string, any>, base: RunConfigFile = {}): ResolvedRun {
  const cfg: RunConfigFile = v.config ? loadConfig(v.config) : base;
  const model = v.model ?? cfg.model;
  if (!model) throw new UsageError('--model is required (or model: in the config)');
  const endpoints: string[] = v.endpoint ?? cfg.endpoints ?? [];
  if (endpoints.length === 0) throw new UsageError('--endpoint is required (or endpoints: in the config)');
  const samples = int(v.samples, '--samples', 1);
  const limit = int(v.limit, '--limit', 1);
  const limitPerSubject = int(v['limit-per-subject'], '--limit-per-subject', 1);
  const fewShot = int(v['few-shot'], '--few-shot', 0);
  const columns = v.columns ? parseColumns(v.columns) : undefined;
  const subjects = v.subjects ? String(v.subjects).split(',').map((s: string) => s.trim()).filter(Boolean) : undefined;
  let suites: SuiteRequest[] = (cfg.suites ?? []).map(({ suite, ...rest }) => ({ spec: suite, ...rest }));
  if (v.suite) suites = (v.suite as string[]).map((spec) => ({ spec, ...(v['suite-id'] ? { id: v['suite-id'] } : {}) }));
  if (suites.length === 0) throw new UsageError('--suite is required (or suites: in the config)');
  if (v['suite-id'] && suites.length > 1) throw new UsageError('--suite-id names one suite: give a single --suite with it');
  const language = v['prompt-language'];
  if (language !== undefined && language !== 'cpp' && language !== 'python') throw new UsageError(`--prompt-language expects cpp or python, got "${language}"`);
  for (const flag of ['since', 'until'] as const)
    if (v[flag] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v[flag])) throw new UsageError(`--${flag} expects a date YYYY-MM-DD, got "${v[flag]}"`);
  const difficulties = v.difficulty ? String(v.difficulty).split(',').map((s: string) => s.trim().toLowerCase()).filter(Boolean) : undefined;
  const unknown = difficulties?.find((d) => !['easy', 'medium', 'hard'].includes(d));
  if (unknown) throw new UsageError(`--difficulty expects easy, medium or hard (comma-separated), got "${unknown}"`);
  const flags = { samples, limit, limitPerSubject, subjects, fewShot, columns, language, since: v.since, until: v.until, difficulties };
  suites = suites.map((s) => ({ ...s, ...Object.fromEntries(Object.entries(flags).filter(([, x]) => x !== undefined)) }));
  const seed = int(v.seed, '--seed') ?? cfg.sampling?.seed;
  const sampling = {
    temperature: num(v.temperature, '--temperature', 0, 2) ?? cfg.sampling?.temperature ?? R1_DEFAULTS.temperature,
    topP: num(v['top-p'], '--top-p', 0, 1) ?? cfg.sampling?.topP ?? R1_DEFAULTS.topP,
    maxTokens: int(v['max-tokens'], '--max-tokens', 1) ?? cfg.sampling?.maxTokens ?? R1_DEFAULTS.maxTokens,
    ...(seed === undefined ? {} : { seed }),
  };
  const concurrency = int(v.concurrency, '--concurrency', 1) ?? cfg.concurrency ?? R1_DEFAULTS.concurrency;
  const exec: ExecuteOptions = {
    model,
    endpoints,
    sampling,
    suites,
    extraBody: cfg.extraBody,
    shard: parseShard(v.shard),
    out: v.out ?? cfg.out,
    resume: !!v.resume,
    concurrency,
    rampUpMs: secondsAsMs(v['ramp-up-s'], '--ramp-up-s', 3600) ?? (cfg.rampUpS === undefined ? undefined : cfg.rampUpS * 1000),
    perEndpointConcurrency: int(v['per-endpoint-concurrency'], '--per-endpoint-concurrency', 1) ?? cfg.perEndpointConcurrency,
    maxAttempts: int(v['max-attempts'], '--max-attempts', 1) ?? cfg.maxAttempts ?? R1_DEFAULTS.maxAttempts,
    idleTimeoutMs: int(v['idle-timeout-ms'], '--idle-timeout-ms', 1) ?? cfg.idleTimeoutMs ?? R1_DEFAULTS.idleTimeoutMs,
    totalTimeoutMs: int(v['total-timeout-ms'], '--total-timeout-ms', 1) ?? cfg.totalTimeoutMs ?? R1_DEFAULTS.totalTimeoutMs,
    apiKey: apiKeyFromEnv(v['api-key-env'] ?? cfg.apiKeyEnv),
    local: { threads: int(v.threads, '--threads', 1), parallel: int(v.parallel, '--parallel', 1), contextSize: int(v['context-size'], '--context-size', 1) },
    doctor: v['skip-doctor'] || cfg.skipDoctor ? 'record' : 'stop',
    clientThreads: clientThreadsFlag(v['client-threads'] ?? cfg.clientThreads?.toString(), concurrency),
  };
  const maxErrorRate = num(v['max-error-rate'], '--max-error-rate', 0, 1) ?? cfg.maxErrorRate ?? R1_DEFAULTS.maxErrorRate;
  const slo = v.slo ? parseSlo(v.slo) : cfg.slo;
  const memorySampling: SamplingOptions = {
    profileFile: v.profile ?? cfg.profile,
    serverPid: int(v['server-pid'], '--server-pid', 1) ?? cfg.serverPid,
    metricsUrl: v['metrics-url'] ?? cfg.metricsUrl,
    endpoints,
  };
  return { exec, cfg, maxErrorRate, slo, memorySampling };
}

/** Runs, scores and reports; returns the exit code. Ctrl-C / SIGTERM stop cleanly and say how to resume. */
export async function runAndReport(
  v: Record<string, any>,
  opts: { base?: RunConfigFile; say?: (s: string) => void; resumeHint?: (dir: string) => string } = {},
): Promise<number> {
  const say = opts.say ?? ((s: string) => process.stderr.write(s + '\n'));
  const { exec, cfg, maxErrorRate, slo, memorySampling } = resolveRun(v, opts.base);
  setReferenceModel(v.reference ?? cfg.reference);
  let samplingStarted: Promise<{ stop(): Promise<void> }> | undefined;
  // Stopped before scoring (its memory summary goes into results.json), and on every way out.
  const stopSampling = async (onError: 'throw' | 'ignore') => {
    const started = samplingStarted;
    samplingStarted = undefined;
    try {
      await (await started)?.stop();
    } catch (e) {
      // On the way out of a failed run, its own error is the one to report.
      if (onError === 'throw') throw e;
    }
  };
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: string) => {
    if (++signals > 1) process.exit(130);
    say(`\n${sig}: stopping; finished samples are kept (press again to quit at once)`);
    controller.abort();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  // One process per run directory: a second one refuses before any request or write (exit 2).
  const lease = new RunDirLease(() => controller.abort());
  let progress: Progress | undefined;
  const scorerOf = new Map<string, (typeof TEXT_SCORERS)[keyof typeof TEXT_SCORERS]>();
  try {
    lease.takeIfStored(exec.out);
    const res = await executeRun(
      exec,
      {
        onOpen: (dir) => lease.take(dir), // a new directory: its store exists from here on
        onStart: ({ dir, manifest, plan, resumed }) => {
          const total = plan.reduce((a, p) => a + p.suite.items.length * p.samples, 0);
          say(`${resumed ? 'resuming' : 'starting'} run ${manifest.runId} in ${dir}: ${plan.map((p) => `${p.suite.id} ${p.suite.items.length}×${p.samples}`).join(', ')} (${total} samples)`);
          for (const p of plan) if (p.suite.scorer !== 'code') scorerOf.set(p.suite.id, TEXT_SCORERS[p.suite.scorer]);
          // Before the first request: the end-of-sample code compiled here rather than amid hundreds of streams.
          warmUpSampleCode(plan.flatMap((p) => (scorerOf.has(p.suite.id) && p.suite.items[0] ? [{ scorer: scorerOf.get(p.suite.id)!, reference: p.suite.items[0].reference }] : [])));
          samplingStarted = startRunSampling(dir, memorySampling);
        },
        onCounted: ({ total, alreadyStored }) => {
          progress = new Progress({ total, alreadyDone: alreadyStored });
        },
        onWarning: (line) => say(`warning: ${line}`),
        onStored: (c, item) => {
          const scorer = scorerOf.get(c.suiteId);
          const v = scorer?.score(c, item.reference) as { correct: boolean | null } | undefined;
          progress?.add(c, v ? v.correct === true : undefined);
        },
      },
      controller.signal,
    );
    progress?.finish();
    await stopSampling('throw');
    const resumeCmd =
      opts.resumeHint?.(res.dir) ?? `r1bench run ${process.argv.slice(3).filter((a) => a !== '--resume').join(' ')}${exec.out ? '' : ` --out ${res.dir}`} --resume`;
    const lost = lease.lostMessage();
    if (lost) {
      say(`error: ${lost}`);
      return 1;
    }
    if (res.loop.aborted) {
      say(`stopped: ${res.loop.alreadyStored + res.loop.completed} of ${res.loop.total} samples are stored in ${res.dir}. To resume:\n  ${resumeCmd}`);
      return 130;
    }
    say(`scoring ${res.dir} ...`);
    const { results, reportFile } = await finishRun(res.dir, {
      unsafeJudge: v['unsafe-judge'],
      pistonUrls: v['piston-url'],
      slo,
      report: !v['no-report'],
    });
    process.stdout.write(summaryTable(results) + '\n');
    say(`results: ${res.dir}/results.json, ${res.dir}/samples.csv${reportFile ? `, ${reportFile}` : ''}`);
    const samples = results.suites.reduce((a, s) => a + s.items * s.samplesPerItem, 0);
    const errors = results.suites.reduce((a, s) => a + s.errors, 0);
    if (samples > 0 && errors / samples > maxErrorRate) {
      say(`error: ${errors} of ${samples} samples failed after their retries (over --max-error-rate ${maxErrorRate}); they count as incorrect. Re-run the same command to retry them.`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (!(e instanceof DeploymentCheckError)) throw e;
    for (const line of e.lines) say(`error: deployment check failed on ${line}`);
    say(`stopped before the first sample: fix the deployment (r1bench doctor --endpoint URL --model NAME checks it in full), or pass --skip-doctor to run anyway`);
    return 1;
  } finally {
    lease.release();
    await stopSampling('ignore');
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

export const runCommand: Command = {
  name: 'run',
  help,
  options: runOptions,
  run: (v) => runAndReport(v),
};
