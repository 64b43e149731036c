// Child process for the TLS timing test: NODE_EXTRA_CA_CERTS (read only at process start) trusts the
// test certificate. For each round, a fresh endpoint sends two requests one after the other on one
// socket: the first pays for the TLS handshake, the second reuses the socket. Prints one JSON line:
// [{ first, reused }] per round, times in ms.
import { createHttpEndpoint } from '../http-client.ts';

const [url, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const req = { model: 'r1', messages: [{ role: 'user' as const, content: 'Sum of 3 and 4?' }], temperature: 0.6, topP: 0.95, maxTokens: 16 };
const opts = { idleTimeoutMs: 5000, totalTimeoutMs: 20_000 };

const out: { first: Timing; reused: Timing }[] = [];
type Timing = { ttftMs: number; ttfaMs: number; e2eMs: number };
const timing = (r: Awaited<ReturnType<ReturnType<typeof createHttpEndpoint>['generate']>>): Timing => ({
  ttftMs: r.timing.firstTokenMs!,
  ttfaMs: r.timing.firstAnswerTokenMs!,
  e2eMs: r.timing.endMs,
});
try {
  // Round 0 warms the process (JIT, lazy TLS setup, the first response parse) and is not reported:
  // that cost falls on the first request of a process, not on every new socket.
  for (let i = 0; i <= rounds; i++) {
    const ep = createHttpEndpoint(url!, { maxSockets: 1 });
    const first = timing(await ep.generate(req, opts));
    const reused = timing(await ep.generate(req, opts));
    await ep.close!();
    if (i > 0) out.push({ first, reused });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
} catch (e) {
  process.stderr.write(`tls timing child: ${(e as Error).message}\n`);
  process.exitCode = 1;
}
