// Child process of the ttft-floor benchmark: r1bench's library client (createHttpEndpoint) in a process of
// its own, as a user's program runs it (the benchmark's own process has a heap grown by the other
// benchmarks, whose garbage collection would be charged to the client). One ramped warm-up round, then
// the measured one; prints one JSON line: { measured: [[id, { ttftMs, sentAt }], ...], cpuMs }.
// Usage: ttft-floor-library.ts BASE_URL WORKERS REQUESTS_PER_WORKER RAMP_MS MAX_TOKENS
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { createHttpEndpoint } from '../runners/http-client.ts';

const [url, workersArg, perWorkerArg, rampArg, tokensArg] = process.argv.slice(2);
const workers = Number(workersArg);
const perWorker = Number(perWorkerArg);
const rampMs = Number(rampArg);
const ep = createHttpEndpoint(url!);
const req = { model: 'kts', messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0.6, topP: 0.95, maxTokens: Number(tokensArg) };
const opts = (id: string) => ({ idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, headers: { 'x-kts-id': id } });

/** Worker w starts at w/workers of the ramp, then sends its requests one after another. */
async function round(tag: string, perW: number, measured?: Map<string, { ttftMs: number; sentAt: number }>): Promise<void> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const wait = start + (w * rampMs) / workers - performance.now();
      if (wait > 0) await sleepMs(wait);
      for (let r = 0; r < perW; r++) {
        const id = `${tag}-${w}-${r}`;
        const g = await ep.generate(req, opts(id));
        measured?.set(id, { ttftMs: g.timing.firstTokenMs!, sentAt: g.timing.sentAt });
      }
    }),
  );
}

try {
  await round('warm', 1); // JIT the client (and the server) before anything is measured
  // Open every connection first (one-token requests), as the C client connects before it starts.
  await Promise.all(Array.from({ length: workers }, (_, w) => ep.generate({ ...req, maxTokens: 1 }, opts(`open-${w}`))));
  await fetch(new URL('/truth?clear=1', url!)); // the server's record starts with the measured round
  const measured = new Map<string, { ttftMs: number; sentAt: number }>();
  const cpu0 = process.cpuUsage();
  await round('lib', perWorker, measured);
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ measured: [...measured], cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
} finally {
  await ep.close?.();
}
