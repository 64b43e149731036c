// One run from start (or resume) to the last stored sample: plan, run directory checks, endpoints, loop.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoint } from './endpoint.ts';
import { EndpointPool } from './endpoint-pool.ts';
import { BadEndpointUrlError, createHttpEndpoint } from './http-client.ts';
import { createThreadedHttpEndpoint } from './threaded-endpoint.ts';
import { preflightAll, PreflightError } from './preflight.ts';
import { blockingFailures, checkDeployment, DeploymentCheckError, deploymentWarnings, refusedKey } from './doctor/run-checks.ts';
import { buildPlan, settingsDiff, type PlanRequest } from './plan.ts';
import { runLoop, type PlannedSuite, type RunEvents, type RunLoopResult } from './run.ts';
import { RunStore, STORE_FILE, type RunManifest } from './store.ts';

export interface ExecuteOptions extends PlanRequest {
  out?: string;
  /** Insist that the run exists (plain runs resume too when --out holds the same run). */
  resume?: boolean;
  concurrency: number;
  /** Spread the workers' first requests over this long (ms; --ramp-up-s). */
  rampUpMs?: number;
  perEndpointConcurrency?: number;
  maxAttempts: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  apiKey?: string;
  /** Builds an endpoint for a target that is not an http(s) URL (e.g. local:model.gguf). */
  endpointFactory?: (target: string) => Promise<Endpoint> | Endpoint;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Skip the reachability and API-key check before the run. */
  skipPreflight?: boolean;
  /** Local engines (local:PATH.gguf): CPU threads, parallel sequences, context size. */
  local?: { threads?: number; parallel?: number; contextSize?: number };
  /**
   * The cheap doctor checks after the lease is taken (`r1bench run` always runs them): 'stop' ends the
   * run before its first sample when streaming, reasoning-split or max-tokens failed; 'record' (--skip-doctor)
   * stores and warns. Unset: no checks (library callers, tests with scripted servers).
   */
  doctor?: 'stop' | 'record';
  /** Worker threads that stream http(s) endpoints (--client-threads); 1 or unset: the in-thread client. */
  clientThreads?: number;
}

export class RunDirError extends Error {}

/** Checks the run directory and returns the manifest to run under: the stored one when resuming. */
export function openRunDir(
  dir: string,
  fresh: RunManifest,
  resume: boolean,
  take?: (dir: string) => void,
): { store: RunStore; manifest: RunManifest; resumed: boolean } {
  const hasStore = existsSync(join(dir, STORE_FILE));
  if (!hasStore && existsSync(dir) && readdirSync(dir).length > 0)
    throw new RunDirError(`${dir} is not empty and holds no r1bench run (${STORE_FILE} missing): choose another --out`);
  if (!hasStore && resume) throw new RunDirError(`--resume: there is no run to resume in ${dir}`);
  const store = RunStore.open(dir);
  // The run directory's lease is taken before the manifest is read or written: a process that loses
  // a race for a new directory changes nothing.
  try {
    take?.(dir);
  } catch (e) {
    store.close();
    throw e;
  }
  const stored = store.manifest();
  if (!stored) {
    store.setManifest(fresh);
    return { store, manifest: fresh, resumed: false };
  }
  const diff = settingsDiff(stored, fresh);
  if (diff && store.counts().length === 0) {
    // A run that stored nothing (e.g. stopped by a typo in --model): nothing can mix, start it afresh.
    store.setManifest(fresh);
    return { store, manifest: fresh, resumed: false };
  }
  if (diff) {
    store.close();
    throw new RunDirError(`${dir} holds run ${stored.runId} made with other settings (${diff}): use the same settings to resume, or another --out`);
  }
  const endpoints = [...new Set([...stored.endpoints, ...fresh.endpoints])];
  const manifest = { ...stored, endpoints };
  store.setManifest(manifest);
  return { store, manifest, resumed: true };
}

export type EndpointOptions = Pick<ExecuteOptions, 'endpoints' | 'model' | 'apiKey' | 'concurrency' | 'perEndpointConcurrency' | 'endpointFactory' | 'skipPreflight' | 'local' | 'clientThreads'>;

export async function makeEndpoints(opts: EndpointOptions, warn: (line: string) => void = () => {}): Promise<Endpoint[]> {
  return (await openEndpoints(opts, warn)).endpoints;
}

/** The endpoints, and the targets they were made from (those preflight found usable), in the same order. */
async function openEndpoints(opts: EndpointOptions, warn: (line: string) => void = () => {}): Promise<{ endpoints: Endpoint[]; targets: string[] }> {
  const perEndpoint = opts.perEndpointConcurrency ?? opts.concurrency;
  const out: Endpoint[] = [];
  let targets = opts.endpoints;
  const http = targets.filter((t) => /^https?:\/\//i.test(t));
  if (http.length && !opts.skipPreflight) {
    const { usable, warnings } = await preflightAll(http, opts.apiKey, opts.model);
    warnings.forEach(warn);
    targets = targets.filter((t) => !http.includes(t) || usable.includes(t));
  }
  for (const target of targets) {
    if (/^https?:\/\//i.test(target))
      out.push(
        (opts.clientThreads ?? 1) > 1
          ? createThreadedHttpEndpoint(target, { apiKey: opts.apiKey, maxSockets: perEndpoint, threads: opts.clientThreads! })
          : createHttpEndpoint(target, { apiKey: opts.apiKey, maxSockets: perEndpoint }),
      );
    else if (target.startsWith('local:')) out.push(await (await import('./local/index.ts')).createLocalEndpoint(target, opts.local));
    else if (opts.endpointFactory) out.push(await opts.endpointFactory(target));
    else throw new BadEndpointUrlError(`endpoint "${target}": expected an http:// or https:// base URL such as http://127.0.0.1:8000/v1, or local:PATH.gguf`);
  }
  return { endpoints: out, targets };
}

export interface ExecuteResult {
  dir: string;
  manifest: RunManifest;
  plan: PlannedSuite[];
  resumed: boolean;
  loop: RunLoopResult;
}

export interface ExecuteEvents extends RunEvents {
  /** Called once the store exists and before anything is written to it (the place to take the lease). */
  onOpen?(dir: string): void;
  onStart?(info: { dir: string; manifest: RunManifest; plan: PlannedSuite[]; resumed: boolean; store: RunStore }): void;
  onWarning?(line: string): void;
}

export async function executeRun(opts: ExecuteOptions, events: ExecuteEvents = {}, signal?: AbortSignal): Promise<ExecuteResult> {
  const { plan, manifest: fresh } = await buildPlan(opts);
  const dir = opts.out ?? join('runs', fresh.runId);
  const { endpoints, targets } = await openEndpoints(opts, events.onWarning);
  const opened = openRunDir(dir, fresh, opts.resume ?? false, events.onOpen);
  const { store, resumed } = opened;
  let manifest = opened.manifest;
  try {
    if (opts.doctor) {
      // After the lease (taken in openRunDir) and before the first sample; a resumed run checks again.
      const requestTimeoutMs = Math.min(opts.totalTimeoutMs, 120_000);
      const deployment = await checkDeployment(targets, { model: opts.model, apiKey: opts.apiKey, requestTimeoutMs, skipDoctor: opts.doctor === 'record' });
      manifest = { ...manifest, deployment };
      store.setManifest(manifest);
      // A replica that refuses the key stops the run as the preflight's own check does (exit 2), --skip-doctor or not.
      const refused = refusedKey(deployment);
      if (refused) throw new PreflightError(refused);
      deploymentWarnings(deployment).forEach((w) => events.onWarning?.(w));
      const failed = blockingFailures(deployment);
      if (failed.length && opts.doctor === 'stop') throw new DeploymentCheckError(failed);
    }
    const pool = new EndpointPool(endpoints, {
      perEndpointConcurrency: opts.perEndpointConcurrency ?? Infinity,
      failuresToEject: 3,
      cooldownMs: 5_000,
      maxCooldownMs: 60_000,
    });
    events.onStart?.({ dir, manifest, plan, resumed, store });
    store.checkpointInBackground();
    const loop = await runLoop(
      plan,
      store,
      pool,
      {
        runId: manifest.runId,
        model: opts.model,
        sampling: opts.sampling,
        extraBody: opts.extraBody,
        concurrency: opts.concurrency,
        rampUpMs: opts.rampUpMs,
        retry: { maxAttempts: opts.maxAttempts, baseDelayMs: opts.retryBaseDelayMs ?? 500, maxDelayMs: opts.retryMaxDelayMs ?? 30_000 },
        idleTimeoutMs: opts.idleTimeoutMs,
        totalTimeoutMs: opts.totalTimeoutMs,
      },
      events,
      signal,
    );
    const profiles = await Promise.all(endpoints.map((e) => e.profile?.()));
    if (profiles.some(Boolean)) store.setMeta('engines', profiles.filter(Boolean));
    return { dir, manifest, plan, resumed, loop };
  } finally {
    store.close();
    await Promise.all(endpoints.map((e) => e.close?.()));
  }
}
