// Entry point of the known-timing server in its own process: its event loop then cannot delay the
// client's reads (or the reverse). Config as JSON in argv[2]; prints {"port":N} once listening; exits
// when its parent closes stdin, so a crashed test leaves no server behind.
import { startKnownTimingServer, type KnownTiming } from './known-timing-server.ts';

const cfg = JSON.parse(process.argv[2] ?? '{}') as KnownTiming;
const server = await startKnownTimingServer(cfg);
process.stdout.write(JSON.stringify({ port: server.port }) + '\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
