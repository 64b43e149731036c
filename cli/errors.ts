// Every error leaves as one line and an exit code; the stack only with R1BENCH_DEBUG=1.
import { redact } from '../runners/secrets.ts';

/** "The input or the call was wrong": exit 2. */
const USAGE_ERRORS = new Set([
  'UsageError', 'ConfigError', 'DatasetError', 'UnknownSuiteError', 'RunDirError', 'BadEndpointUrlError',
  'FaultSpecError', 'SimulatorOptionError', 'PreflightError', 'MergeError', 'SloError', 'ProfileError',
  'LoadTestError', 'GateConfigError', 'ReportInputError', 'RatingInputError', 'LocalEngineUnavailableError',
  'LocalModelError', 'GgufFormatError', 'MissingSecretError', 'NoRunError', 'PlanError', 'JudgeConfigError',
  'RunLockedError', 'LeaseConfigError',
]);
/** "The run failed for a reason we can name": exit 1, no hint of an internal error. */
const RUN_FAILURES = new Set(['FatalRunError', 'ScoreError', 'SandboxUnavailableError', 'ResultsWriteError', 'JudgeUnavailableError']);

const nameOf = (e: unknown) => (e as Error)?.constructor?.name ?? '';

export function exitCodeFor(e: unknown): number {
  const own = (e as { exitCode?: unknown })?.exitCode;
  if (typeof own === 'number') return own;
  return USAGE_ERRORS.has(nameOf(e)) ? 2 : 1;
}

export function oneLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (process.env.R1BENCH_DEBUG && err?.stack) process.stderr.write(redact(err.stack) + '\n');
  let msg = String(err?.message ?? e);
  if (err?.code === 'ENOSPC' || err?.code === 'SQLITE_FULL') msg = `disk full (${msg}); free space and run the same command again to resume`;
  const line = redact(msg.split('\n').filter(Boolean).join(' — '));
  const expected = USAGE_ERRORS.has(nameOf(e)) || RUN_FAILURES.has(nameOf(e)) || !!err?.code;
  return expected ? line : `${line} (internal error: set R1BENCH_DEBUG=1 to see where)`;
}
