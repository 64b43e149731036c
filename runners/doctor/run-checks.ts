// The cheap doctor checks as part of `r1bench run`'s preflight: every replica at once, the findings as
// the run stores them, and which of them stop a run.
import type { DeploymentChecks, ReplicaChecks } from '../../types.ts';
import { redact } from '../secrets.ts';
import { CHEAP_CHECKS, DoctorAuthError, runCheapChecks } from './index.ts';

/** Checks whose failure makes the samples meaningless: the run stops before the first one. */
export const BLOCKING_CHECKS: readonly string[] = ['streaming', 'reasoning-split', 'max-tokens'];

/** A blocking check failed: one line per failure in `lines`; the run exits 1 having sent no sample. */
export class DeploymentCheckError extends Error {
  readonly exitCode = 1;
  constructor(readonly lines: string[]) {
    super(lines.join('; '));
  }
}

const skipAll = (endpoint: string, observed: string): ReplicaChecks => ({
  endpoint,
  server: { engine: null, version: null },
  checks: CHEAP_CHECKS.map((id) => ({ id, status: 'skip' as const, observed, fix: null })),
});

/**
 * A probe the server answered with an HTTP error (after retries on 429/5xx) could not check anything: for
 * a run that is a `skip`, and the run's own first request reports the error (a wrong model name, a
 * replica that answers 500 and leaves the rotation) as it always has.
 */
const REFUSED = /\bgot HTTP \d{3}\b/;
const forRun = (c: { id: string; status: 'pass' | 'warn' | 'fail' | 'skip'; observed: string; fix: string | null }) =>
  c.status === 'fail' && REFUSED.test(c.observed) ? { ...c, status: 'skip' as const, observed: `could not check: ${c.observed}` } : c;

/** Hides user:password in a URL (the key never leaves through the results). */
const shown = (target: string) => target.replace(/\/\/[^/@]*@/, '//');

export interface DeploymentCheckOptions {
  model: string;
  apiKey?: string;
  /** Longest one probe request may take. */
  requestTimeoutMs?: number;
  skipDoctor?: boolean;
}

/**
 * Runs the cheap checks on every HTTP(S) target in parallel; `local:` targets (and any other
 * in-process engine) record `skip`. Never throws for what an endpoint does: a check that cannot
 * finish is a `skip`.
 */
export async function checkDeployment(targets: string[], opts: DeploymentCheckOptions): Promise<DeploymentChecks> {
  const checks = await Promise.all(
    targets.map(async (target): Promise<ReplicaChecks> => {
      if (!/^https?:\/\//i.test(target)) return skipAll(target, 'in-process engine: no HTTP server to check');
      try {
        const r = await runCheapChecks({ baseUrl: target, model: opts.model, apiKey: opts.apiKey, requestTimeoutMs: opts.requestTimeoutMs });
        // Server text is quoted in what was observed (a proxy may echo the Authorization header): redacted.
        return { endpoint: shown(r.endpoint), server: r.server, checks: r.checks.map(({ id, status, observed, fix }) => forRun({ id, status, observed: redact(observed), fix })) };
      } catch (e) {
        if (e instanceof DoctorAuthError) return skipAll(shown(target), `could not check: got HTTP 401: ${redact(e.message)}`);
        return skipAll(shown(target), `the checks could not run: ${redact((e as Error).message)}`);
      }
    }),
  );
  return { checkedAt: new Date().toISOString(), ...(opts.skipDoctor ? { skipDoctor: true } : {}), checks };
}

const line = (endpoint: string, c: { id: string; status: string; observed: string; fix: string | null }) =>
  `${endpoint}: ${c.id} ${c.status}: ${c.observed}${c.fix ? ` — fix: ${c.fix}` : ''}`;

/** The first replica that refused the API key (HTTP 401/403 to a probe), as the run's preflight says it; null when none did. */
export function refusedKey(d: DeploymentChecks): string | null {
  for (const r of d.checks) {
    const c = r.checks.find((x) => /^could not check: got HTTP 40[13]\b|got HTTP 40[13]\b/.test(x.observed) && x.status === 'skip');
    if (c) return `endpoint ${r.endpoint} refused the API key (HTTP ${/HTTP (40[13])/.exec(c.observed)![1]}): check --api-key-env`;
  }
  return null;
}

/** The failed blocking checks, one line each (endpoint, check, observed, fix). */
export function blockingFailures(d: DeploymentChecks): string[] {
  return d.checks.flatMap((r) => r.checks.filter((c) => c.status === 'fail' && BLOCKING_CHECKS.includes(c.id)).map((c) => line(r.endpoint, c)));
}

/**
 * Everything else worth a warning: a usage failure, any warn, any skip (blocking failures too with
 * --skip-doctor). Checks of one replica with the same status and observation share a line (an
 * in-process engine's four skips are one).
 */
export function deploymentWarnings(d: DeploymentChecks): string[] {
  return d.checks.flatMap((r) => {
    const groups = new Map<string, { ids: string[]; c: (typeof r.checks)[number] }>();
    for (const c of r.checks) {
      if (c.status === 'pass' || (!d.skipDoctor && c.status === 'fail' && BLOCKING_CHECKS.includes(c.id))) continue;
      const key = JSON.stringify([c.status, c.observed, c.fix]);
      const g = groups.get(key);
      if (g) g.ids.push(c.id);
      else groups.set(key, { ids: [c.id], c });
    }
    return [...groups.values()].map(({ ids, c }) => {
      const goesOn = c.status === 'fail' && ids.some((id) => BLOCKING_CHECKS.includes(id)) ? ' (run goes on: --skip-doctor)' : '';
      return `deployment check ${line(r.endpoint, { ...c, id: ids.join(', ') })}${goesOn}`;
    });
  });
}
