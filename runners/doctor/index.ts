// `r1bench doctor` as a library: every check against one endpoint, or the cheap subset a run's preflight
// uses, returned as data (the CLI only prints it).
import { DoctorContext, guarded } from './context.ts';
import { ProbeError } from './probe.ts';
import { checkMaxTokens, checkLatency, checkReasoningSplit, checkStreaming, checkUsage } from './stream-checks.ts';
import { checkSeed, checkSystemPrompt, checkTemperature } from './sampling-checks.ts';
import { checkContext, checkMetrics, checkModelListed, identify } from './server-checks.ts';
import { CHEAP_CHECKS, CHECK_IDS, type CheckId, type DoctorReport, type DoctorTarget, type Finding } from './types.ts';

export { CHEAP_CHECKS, CHECK_IDS, PROBE_HEADER, exitCodeOf } from './types.ts';
export type { CheckId, CheckStatus, DoctorReport, DoctorTarget, Finding, ServerIdentity } from './types.ts';
export { DoctorAuthError } from './server-checks.ts';

/** The endpoint did not answer at all (refused, DNS, timeout): nothing could be checked. */
export class DoctorUnreachableError extends Error {}

const CHECKS: Record<CheckId, (ctx: DoctorContext) => Promise<Finding>> = {
  'model-listed': checkModelListed,
  streaming: checkStreaming,
  usage: checkUsage,
  'reasoning-split': checkReasoningSplit,
  temperature: checkTemperature,
  seed: checkSeed,
  'max-tokens': checkMaxTokens,
  context: checkContext,
  'system-prompt': checkSystemPrompt,
  latency: checkLatency,
  metrics: checkMetrics,
};

/**
 * Runs the checks (all by default) in the table's order, one request at a time, so the latency
 * baseline is measured on an idle server. Throws DoctorUnreachableError when the server does not
 * answer, DoctorAuthError when it refuses the key, BadEndpointUrlError for a bad URL.
 */
export async function runDoctor(target: DoctorTarget, opts: { checks?: readonly CheckId[] } = {}): Promise<DoctorReport> {
  const ctx = new DoctorContext(target);
  try {
    ctx.server = await identify(ctx);
  } catch (e) {
    if (e instanceof ProbeError) throw new DoctorUnreachableError(`cannot reach ${ctx.prober.endpoint}: ${e.message.replace(/^\S+: /, '')}`);
    throw e;
  }
  const wanted = opts.checks ?? CHECK_IDS;
  const checks: Finding[] = [];
  for (const id of CHECK_IDS) if (wanted.includes(id)) checks.push(await guarded(ctx, id, CHECKS[id]));
  return { endpoint: ctx.prober.endpoint, model: target.model, server: ctx.server, checks };
}

/**
 * For `r1bench run`'s preflight, on one endpoint: streaming, usage, reasoning-split and max-tokens (a few
 * hundred generated tokens to a few thousand). Never throws for the endpoint's behaviour: an endpoint that
 * cannot be reached gives `skip` findings (the run's own preflight reports reachability).
 */
export async function runCheapChecks(target: DoctorTarget): Promise<DoctorReport> {
  try {
    return await runDoctor(target, { checks: CHEAP_CHECKS });
  } catch (e) {
    if (!(e instanceof DoctorUnreachableError)) throw e;
    const observed = (e as Error).message;
    return { endpoint: target.baseUrl, model: target.model, server: { engine: null, version: null }, checks: CHEAP_CHECKS.map((id) => ({ id, status: 'skip', observed, fix: null })) };
  }
}
