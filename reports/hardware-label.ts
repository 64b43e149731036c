// The leaderboard's "hardware" column from what results.json knows: the declared profile, else the
// probed host when the model ran on it, plus the engine and version (doctor's finding, else declared).
import type { DeploymentChecks } from '../types.ts';
import { engineOf } from './deployment.ts';

type Obj = Record<string, unknown>;
const o = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The probed machine: "2× NVIDIA H200" or "2× AMD EPYC, CPU" (cores × CPU model when no GPU). */
function hostLabel(host: Obj): string | undefined {
  const gpus = Array.isArray(host.gpus) ? host.gpus.map((g) => str(o(g).name)).filter(Boolean) : [];
  if (gpus.length) return `${gpus.length}× ${gpus[0]}`;
  const cpu = str(host.cpu);
  if (!cpu) return undefined;
  return `${typeof host.cores === 'number' ? `${host.cores}× ` : ''}${cpu}, CPU`;
}

/**
 * `hw`: results.json's `hardware` ({ profile: { id, host, hostRole, declared }, memory, engines }), or
 * the flat profile older results held. The hardware: the declared id (or declared GPUs), else the probed
 * host when the deployment ran on it (hostRole 'deployment': local:, a loopback server, --server-pid).
 * In parentheses: engine and version (what the server said in the deployment checks, else declared, else
 * the in-process engine) and the declared quantization. "unknown hardware" only when nothing is known.
 */
export function hardwareLabel(hw: Obj | undefined, deployment?: DeploymentChecks): string {
  const h = o(hw);
  const nested = h.profile !== undefined;
  const p = nested ? o(h.profile) : h;
  const declared = o(p.declared);
  let base: string | undefined;
  if (nested || p.hostRole !== undefined) {
    // buildProfile's id is the declared one only when the user declared an id or GPUs.
    if (str(declared.id) || str(o(declared.gpu).model)) base = str(p.id);
    else if (p.hostRole !== 'client') base = hostLabel(o(p.host));
  } else base = str(p.id) ?? hostLabel(o(p.host));
  const local = Array.isArray(h.engines) ? str(o(o(h.engines[0]).engine).name) : undefined;
  const declaredEngine = str(declared.engine) ? `${declared.engine}${str(declared.engineVersion) ? ` ${declared.engineVersion}` : ''}` : undefined;
  const engine = engineOf(deployment) ?? declaredEngine ?? local;
  const extra = [engine, str(declared.quantization)].filter(Boolean);
  if (!base && !extra.length) return 'unknown hardware';
  return `${base ?? 'unknown hardware'}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}
