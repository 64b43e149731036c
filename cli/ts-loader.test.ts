// The CLI's TypeScript loader (register.mjs → ts-hooks.mjs) in a real child process: a named closure keeps
// fast properties (tsx's keepNames would make them a dictionary: the control case below shows it does),
// class fields behave as TypeScript's ES2022 output, and a stack trace points at the TypeScript line.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TS_NODE_ARGS } from './ts-node-args.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'r1bench-ts-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// %HasFastProperties is V8's own check, reachable with --allow-natives-syntax through new Function (the
// TypeScript compiler would not parse the % syntax in the script itself).
const SCRIPT = `
const hasFastProperties = new Function('f', 'return %HasFastProperties(f)') as (f: unknown) => boolean;
const onData = (bytes: number): number => bytes + 1;
class Parser {
  count = 1;
  constructor(private readonly step: number) {}
  next(): number { return (this.count += this.step); }
}
function where(): string { return new Error('here').stack!.split('\\n')[1]!; }
console.log(JSON.stringify({ fast: hasFastProperties(onData), name: onData.name, next: new Parser(2).next(), own: Object.keys(new Parser(1)), where: where() }));
`;

async function runScript(loader: string[]): Promise<{ fast: boolean; name: string; next: number; own: string[]; where: string }> {
  const file = join(dir, 'probe.ts');
  writeFileSync(file, SCRIPT);
  const { stdout } = await run(process.execPath, ['--allow-natives-syntax', ...loader, file]);
  return JSON.parse(stdout);
}

describe('the CLI loader', () => {
  it('compiles named closures without a defined name property, so they keep fast properties', async () => {
    const r = await runScript([...TS_NODE_ARGS]);
    expect(r.fast).toBe(true);
    expect(r.name).toBe('onData'); // the engine infers the name on its own
    expect(r.next).toBe(3);
    expect(r.own.sort()).toEqual(['count', 'step']);
    // The stack trace names the TypeScript file and the line of `new Error` in it (line 9 of SCRIPT).
    expect(r.where).toContain(`${join(dir, 'probe.ts')}:9:`);
  }, 30_000);

  it('control: under tsx (keepNames) the same closure has dictionary properties, which is why the CLI has its own loader', async () => {
    const r = await runScript(['--import', fileURLToPath(import.meta.resolve('tsx'))]);
    expect(r.fast).toBe(false);
    expect(r.next).toBe(3);
  }, 30_000);
});
