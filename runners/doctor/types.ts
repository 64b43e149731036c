// What `r1bench doctor` finds, as data: one finding per check, the server's identity, the whole report.

/** Every check, in the order doctor runs and prints them. */
export const CHECK_IDS = [
  'model-listed',
  'streaming',
  'usage',
  'reasoning-split',
  'temperature',
  'seed',
  'max-tokens',
  'context',
  'system-prompt',
  'latency',
  'metrics',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** The checks cheap enough for every run's preflight: a few hundred generated tokens on one endpoint. */
export const CHEAP_CHECKS: readonly CheckId[] = ['streaming', 'usage', 'reasoning-split', 'max-tokens'];

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Finding {
  id: CheckId;
  status: CheckStatus;
  /** What was seen, in one line. */
  observed: string;
  /** For a warn or fail: what to change, per engine; null when there is nothing to fix. */
  fix: string | null;
}

/** What the server says about itself; null where it does not say. */
export interface ServerIdentity {
  engine: string | null;
  version: string | null;
}

export interface DoctorReport {
  endpoint: string;
  model: string;
  server: ServerIdentity;
  checks: Finding[];
}

export interface DoctorTarget {
  /** Base URL as the OpenAI SDK takes it, e.g. http://127.0.0.1:8000/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Longest one probe request may take (default 120 s). */
  requestTimeoutMs?: number;
  /** Attempts per request on 429, 5xx and network errors (default 3), and the first backoff (default 500 ms). */
  attempts?: number;
  retryBaseMs?: number;
}

/** Exit code of a report: 1 when a check failed, else 0. */
export function exitCodeOf(report: { checks: Finding[] }): 0 | 1 {
  return report.checks.some((c) => c.status === 'fail') ? 1 : 0;
}

/** Header that marks a doctor probe: servers that count requests for tests (the simulator) leave it out. */
export const PROBE_HEADER = 'x-r1bench-probe';
