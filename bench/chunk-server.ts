// A server that streams N tiny chunks as fast as the socket takes them, in its own process.
// Usage: tsx bench/chunk-server.ts CHUNKS  → prints the port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const chunks = Number(process.argv[2] ?? 200_000);
const one = `data: ${JSON.stringify({ id: 'b', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }] })}\n\n`;
const body = Buffer.from(
  one.repeat(chunks) +
    `data: ${JSON.stringify({ id: 'b', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n` +
    `data: ${JSON.stringify({ id: 'b', choices: [], usage: { prompt_tokens: 1, completion_tokens: chunks, total_tokens: chunks + 1 } })}\n\ndata: [DONE]\n\n`,
);

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    // Network-sized writes, as a fast server's socket would deliver them.
    for (let i = 0; i < body.length; i += 16384) res.write(body.subarray(i, i + 16384));
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
