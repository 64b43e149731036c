// Every error leaves as one line and an exit code; the stack only with R1BENCH_DEBUG=1.
import { redact } from '../runners/secrets.ts';

/** Errors that mean "the input or the call was wrong" (exit 2); others mean the run failed (exit 1). */
const USAGE_ERRORS = new Set(['UsageError', 'ConfigError', 'DatasetError', 'UnknownSuiteError', 'RunDirError', 'BadEndpointUrlError', 'FaultSpecError', 'SimulatorOptionError', 'PreflightError', 'MergeError', 'SloError', 'ProfileError', 'LoadTestError', 'GateConfigError', 'ReportInputError', 'RatingInputError', 'LocalEngineUnavailableError', 'LocalModelError', 'GgufFormatError', 'MissingSecretError']);

export function exitCodeFor(e: unknown): number {
  const name = (e as Error)?.constructor?.name ?? '';
  if (typeof (e as { exitCode?: unknown })?.exitCode === 'number') return (e as { exitCode: number }).exitCode;
  return USAGE_ERRORS.has(name) ? 2 : 1;
}

export function oneLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  let msg = String(err?.message ?? e);
  if (err?.code === 'ENOSPC') msg = `disk full while writing (${msg}); free space and run the same command again to resume`;
  const known = e instanceof Error && exitCodeFor(e) === 2;
  const internal = !known && !['FatalRunError', 'ScoreError', 'SandboxUnavailableError', 'GateInputError'].includes(err?.constructor?.name ?? '');
  if (process.env.R1BENCH_DEBUG && err?.stack) process.stderr.write(redact(err.stack) + '\n');
  const line = redact(msg.split('\n').filter(Boolean).join(' — '));
  return internal && !err?.code ? `${line} (internal error: set R1BENCH_DEBUG=1 to see where)` : line;
}
