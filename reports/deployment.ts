// A run's deployment checks (doctor's cheap ones, run before the samples) for readers: a one-line
// summary, the engine the server named, what differs between two runs, the report's section.
import type { DeploymentChecks, RunResults } from '../types.ts';
import { esc, raw, table } from './html.ts';

const ORDER = ['fail', 'warn', 'skip'] as const;

/** "all passed", "fail: reasoning-split; warn: usage", or "not checked" (runs made before the checks). */
export function deploymentSummary(d: DeploymentChecks | undefined): string {
  if (!d) return 'not checked';
  const parts = ORDER.flatMap((status) => {
    const ids = [...new Set(d.checks.flatMap((r) => r.checks.filter((c) => c.status === status).map((c) => c.id)))];
    return ids.length ? [`${status}: ${ids.join(', ')}`] : [];
  });
  if (!parts.length) return 'all passed';
  return parts.join('; ') + (d.skipDoctor && parts[0]!.startsWith('fail') ? ' (ran with --skip-doctor)' : '');
}

/** "vLLM 0.8.5" from the first replica whose server named itself; null when none did. */
export function engineOf(d: DeploymentChecks | undefined): string | null {
  const s = d?.checks.find((r) => r.server.engine)?.server;
  return s?.engine ? `${s.engine}${s.version ? ` ${s.version}` : ''}` : null;
}

/** Per check id, the statuses seen over the replicas ("pass", or "pass/fail" when replicas disagree). */
function statuses(d: DeploymentChecks): Map<string, string> {
  const out = new Map<string, Set<string>>();
  for (const r of d.checks) for (const c of r.checks) (out.get(c.id) ?? out.set(c.id, new Set()).get(c.id)!).add(c.status);
  return new Map([...out].map(([id, s]) => [id, [...s].sort().join('/')]));
}

const engines = (d: DeploymentChecks) => [...new Set(d.checks.map((r) => (r.server.engine ? `${r.server.engine}${r.server.version ? ` ${r.server.version}` : ''}` : 'engine unknown')))].sort().join(', ');

/**
 * How two runs' deployments differed: a check's status or the engine and version the server named.
 * `a`/`b` name the runs in the lines ("A", "B"). Empty when they agree or neither was checked.
 */
export function deploymentDifferences(a: DeploymentChecks | undefined, b: DeploymentChecks | undefined, names: [string, string]): string[] {
  if (!a && !b) return [];
  if (!a || !b) return [`deployment checked in ${a ? names[0] : names[1]} only (the other run predates the checks or skipped them)`];
  const out: string[] = [];
  if (engines(a) !== engines(b)) out.push(`server ${engines(a)} in ${names[0]}, ${engines(b)} in ${names[1]}`);
  const sa = statuses(a), sb = statuses(b);
  for (const id of new Set([...sa.keys(), ...sb.keys()]))
    if (sa.get(id) !== sb.get(id)) out.push(`check ${id}: ${sa.get(id) ?? 'not run'} in ${names[0]}, ${sb.get(id) ?? 'not run'} in ${names[1]}`);
  return out;
}

const CLS = { pass: 'better', fail: 'worse', warn: 'worse', skip: 'muted' } as const;

/** The report's "Deployment checks" part: per replica and check, its status, what was seen and the fix. */
export function deploymentHtml(r: Pick<RunResults, 'deployment'>): string {
  const d = r.deployment;
  if (!d) return '<p class="muted">No deployment checks were recorded for this run (made before r1bench ran them, or by a library call without them).</p>';
  const rows = d.checks.flatMap((rep) =>
    rep.checks.map((c) => [
      rep.endpoint,
      rep.server.engine ? `${rep.server.engine}${rep.server.version ? ` ${rep.server.version}` : ''}` : 'unknown',
      c.id,
      raw(`<span class="${CLS[c.status]}">${esc(c.status)}</span>`, c.status),
      c.observed,
      c.fix ?? '',
    ]),
  );
  const note = `<p class="muted small">Checked ${esc(d.checkedAt)} before the samples (r1bench doctor's cheap checks; the newest findings of a resumed run).${d.skipDoctor ? ' <span class="worse">Run with --skip-doctor: a failed check did not stop it.</span>' : ''}</p>`;
  return note + table(['endpoint', 'server', 'check', 'status', 'observed', 'fix'], rows, { id: 'deployment-checks' });
}
