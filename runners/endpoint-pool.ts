// Replicas of one deployment: requests go to the healthy endpoint with the fewest in flight. An endpoint
// that keeps failing with retryable errors leaves the rotation for a cool-down and comes back on probation.
import { addAbortWaiter, removeAbortWaiter } from './abort-watch.ts';
import type { Endpoint } from './endpoint.ts';

export interface PoolOptions {
  /** Most requests in flight per endpoint (Infinity: only the global limit applies). */
  perEndpointConcurrency: number;
  /** Consecutive retryable failures that take an endpoint out of rotation. */
  failuresToEject: number;
  /** First cool-down; doubles on each further ejection, up to maxCooldownMs. */
  cooldownMs: number;
  maxCooldownMs: number;
}

interface Slot {
  endpoint: Endpoint;
  inFlight: number;
  consecutiveFailures: number;
  ejections: number;
  outUntil: number;
}

export class EndpointPool {
  private readonly slots: Slot[];
  private waiters: (() => void)[] = [];

  constructor(
    endpoints: Endpoint[],
    private readonly opts: PoolOptions,
  ) {
    if (endpoints.length === 0) throw new Error('no endpoint given');
    this.slots = endpoints.map((endpoint) => ({ endpoint, inFlight: 0, consecutiveFailures: 0, ejections: 0, outUntil: 0 }));
  }

  /** Waits for a healthy endpoint with room, takes a slot on it. */
  async acquire(signal?: AbortSignal): Promise<Endpoint> {
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      let best: Slot | undefined;
      for (const s of this.slots) {
        if (s.outUntil > now || s.inFlight >= Math.min(this.opts.perEndpointConcurrency, s.endpoint.maxConcurrency ?? Infinity)) continue;
        if (!best || s.inFlight < best.inFlight) best = s;
      }
      if (best) {
        best.inFlight++;
        return best.endpoint;
      }
      // Nothing free: wake on the next release or when the first ejected endpoint comes back.
      const nextBack = Math.min(...this.slots.map((s) => (s.outUntil > now ? s.outUntil : Infinity)));
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          removeAbortWaiter(signal, done);
          resolve();
        };
        const timer = Number.isFinite(nextBack) ? setTimeout(done, nextBack - now + 1) : undefined;
        this.waiters.push(done);
        addAbortWaiter(signal, done);
      });
    }
  }

  /** Gives the slot back; `outcome` feeds the health check ('fatal' errors don't count against health). */
  release(endpoint: Endpoint, outcome: 'ok' | 'retryable' | 'fatal'): void {
    const s = this.slots.find((x) => x.endpoint === endpoint)!;
    s.inFlight--;
    if (outcome === 'ok') {
      s.consecutiveFailures = 0;
      s.ejections = 0;
    } else if (outcome === 'retryable' && s.outUntil <= Date.now() && ++s.consecutiveFailures >= this.opts.failuresToEject && this.slots.length > 1) {
      // (Failures of requests still in flight when it was ejected don't eject it again.)
      const cooldown = Math.min(this.opts.cooldownMs * 2 ** s.ejections, this.opts.maxCooldownMs);
      s.ejections++;
      s.outUntil = Date.now() + cooldown;
      // On probation when it comes back: one more failure ejects it again.
      s.consecutiveFailures = this.opts.failuresToEject - 1;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Opens `connections` connections ahead of the first requests, spread over the endpoints as requests will be. */
  async preconnect(connections: number): Promise<void> {
    const each = Math.ceil(connections / this.slots.length);
    await Promise.all(this.slots.map((s) => s.endpoint.preconnect?.(Math.min(each, this.opts.perEndpointConcurrency, s.endpoint.maxConcurrency ?? Infinity))));
  }

  health(): { endpoint: string; inFlight: number; out: boolean; ejections: number }[] {
    const now = Date.now();
    return this.slots.map((s) => ({ endpoint: s.endpoint.id, inFlight: s.inFlight, out: s.outUntil > now, ejections: s.ejections }));
  }
}
