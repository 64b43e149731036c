// The client's per-request path creates no named closures. Why it matters: a TypeScript loader with
// esbuild's keepNames (tsx, how many users run a TypeScript program) defines a `name` property on each named
// closure as it is created, which gives the function a ~250-byte dictionary of properties; at 512 streams
// that garbage lengthened the collector's pauses enough to double TTFT p99 (cli/ts-hooks.mjs). The child
// runs createHttpEndpoint under tsx and counts those definitions while requests stream.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sse, startScriptedServer } from './testing/scripted-server.ts';

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('./http-client.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'r1bench-named-closures-'));
let server: Awaited<ReturnType<typeof startScriptedServer>>;

beforeAll(async () => {
  const steps = [
    { write: sse.chunk({ role: 'assistant', content: '' }) },
    ...Array.from({ length: 8 }, (_, i) => ({ write: sse.chunk({ reasoning_content: `step ${i} `, content: null }), delayMs: 2 })),
    { write: sse.chunk({ content: 'The answer is \\boxed{4}.' }) },
    { write: sse.chunk({}, 'stop') },
    { write: sse.usage(10, 9, 8) },
    { write: sse.done },
  ];
  server = await startScriptedServer(() => steps);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

// Counts Object.defineProperty(fn, 'name', …), the call keepNames adds where a named closure is created;
// the client's modules are imported after the count is in place, so their helper calls the counting one.
const CHILD = `
let named = 0;
const define = Object.defineProperty;
Object.defineProperty = function (o, p, d) {
  if (p === 'name' && typeof o === 'function') named++;
  return define(o, p, d);
};
const { createHttpEndpoint } = await import(${JSON.stringify(CLIENT)});
const [url, n] = process.argv.slice(2);
const ep = createHttpEndpoint(url);
const req = { model: 'r1', messages: [{ role: 'user', content: 'What is 2+2?' }], temperature: 0.6, topP: 0.95, maxTokens: 100 };
const opts = { idleTimeoutMs: 5000, totalTimeoutMs: 10000 };
const first = await ep.generate(req, opts); // module-level and first-use definitions happen here
const before = named;
const results = await Promise.all(Array.from({ length: Number(n) }, () => ep.generate(req, opts)));
const after = named;
await ep.close();
console.log(JSON.stringify({ moduleLevel: before, perRequest: (after - before) / Number(n), answers: [first, ...results].map((r) => r.answer) }));
`;

describe('named closures on the per-request path', () => {
  it('none: under tsx, 20 streamed requests define no function names', async () => {
    const script = join(dir, 'count.mjs');
    writeFileSync(script, CHILD);
    const { stdout } = await run(process.execPath, ['--import', fileURLToPath(import.meta.resolve('tsx')), script, server.url, '20'], { cwd: dir });
    const r = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(r.answers).toEqual(Array(21).fill('The answer is \\boxed{4}.'));
    // The count works: loading the modules named their module-level functions and classes.
    expect(r.moduleLevel).toBeGreaterThan(5);
    expect(r.perRequest).toBe(0);
  }, 30_000);
});
