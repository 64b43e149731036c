// The R1 simulator: an OpenAI-compatible server that answers the bundled suites like an R1
// deployment, with exact timing and deterministic faults. Public surface of runners/simulator.
//
// Conventions (the tests and the hardware profiles rely on them):
// - a token is one whitespace-separated word (reasoning.ts); inline think tags count one token each;
// - timing (timing.ts): first token at ttftMs, token j at ttftMs + j × interTokenMs, so
//   E2E = ttftMs + (N − 1) × interTokenMs; the role-only chunk goes out at once and is no token;
// - decisions: right/wrong/none = hash(seed, item, sample key); fault = hash(seed, sample key,
//   attempt), so a retry of a sample draws again; the sample key is the x-r1bench-sample header.
import type { AddressInfo } from 'node:net';
import { snapshot, type SimulatorStats } from './metrics.ts';
import { resolveOptions, type SimulatorOptions } from './options.ts';
import { createSimulatorServer } from './server.ts';
import { SimulatorState, type RequestLogEntry } from './state.ts';

export { parseFaultSpec, faultKinds, FaultSpecError, type FaultKind, type FaultRates } from './faults.ts';
export { defaultSimulatorOptions, reasoningFormats, SimulatorOptionError, type ReasoningFormat, type SimulatorOptions } from './options.ts';
export { parseSimulatorArgs, simulatorFlags, simulatorOptionsHelp, type SimulatorFlag } from './flags.ts';
export { PROBE_HEADER, SAMPLE_HEADER } from './completion.ts';
export { countTokens } from './reasoning.ts';
export type { RequestLogEntry, SimulatorStats };

export interface RunningSimulator {
  /** Base URL for an OpenAI client: http://127.0.0.1:PORT/v1 */
  url: string;
  port: number;
  options: SimulatorOptions;
  /** A snapshot of the counters. */
  stats(): SimulatorStats;
  /** Every chat request, in arrival order (entries are updated while a request runs). */
  requestLog: readonly RequestLogEntry[];
  /** Ends every open stream (stalls included) and stops listening. */
  close(): Promise<void>;
}

/** Starts the simulator; resolves once it listens. Throws SimulatorOptionError for a bad option. */
export async function startSimulator(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const options = resolveOptions(opts);
  const state = new SimulatorState(options);
  const server = createSimulatorServer(state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // A deep backlog: thousands of clients connect at once.
    server.listen({ port: options.port, host: options.host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (options.preload) await state.ready();
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    options,
    stats: () => snapshot(state.stats),
    requestLog: state.requestLog,
    close: async () => {
      state.closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
