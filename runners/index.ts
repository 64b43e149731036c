// Public surface of runners/: the deployment client, the run loop, the store, the simulator.
export * from './endpoint.ts';
export { createHttpEndpoint, parseBaseUrl, requestBody, BadEndpointUrlError, type HttpEndpointOptions } from './http-client.ts';
export { createThreadedHttpEndpoint, defaultClientThreads, type ThreadedEndpointOptions } from './threaded-endpoint.ts';
export { SseDecoder } from './sse.ts';
export { StreamAccumulator } from './stream-accumulator.ts';
export { EndpointPool, type PoolOptions } from './endpoint-pool.ts';
export { runLoop, FatalRunError, type PlannedSuite, type RunEvents, type RunLoopOptions, type RunLoopResult, type RetryPolicy } from './run.ts';
export { buildPlan, loadPlannedSuite, settingsDiff, shardOf, PlanError, type PlanRequest, type SuiteRequest } from './plan.ts';
export { executeRun, openRunDir, makeEndpoints, RunDirError, type ExecuteOptions, type ExecuteResult, type ExecuteEvents } from './execute.ts';
export { preflight, preflightAll, PreflightError } from './preflight.ts';
export { mergeRuns, MergeError, type MergeResult } from './merge.ts';
export { RunStore, NoRunError, STORE_FILE, type RunManifest, type SuiteManifest } from './store.ts';
export { Progress } from './progress.ts';
export { redact, registerSecret, apiKeyFromEnv } from './secrets.ts';
export { RunLease, RunLockedError, LeaseConfigError, readLiveHolder, leaseStaleMs, LEASE_STALE_ENV } from './lease.ts';
