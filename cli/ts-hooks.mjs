// Module hooks that load r1bench's TypeScript without a build step (registered by register.mjs, which
// cli/bin.mjs, the client threads' boot file and TS_NODE_ARGS children import). Why not tsx's: tsx compiles
// with esbuild's keepNames, which gives every named closure its name with Object.defineProperty, and that
// turns the function's properties into a dictionary of about 250 bytes. The client and the scheduler create
// dozens of such closures per request; at 512 streams that garbage doubled what each young-generation
// collection had to copy, and those pauses were most of the TTFT error at p99 (the library client measured
// 19.0 ms under tsx's hooks against 9.5 ms under these, with the C floor at 9.4 ms, in the same interleaved
// run: README, "The harness measures itself").
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

/** The compiler options of tsconfig.json that change emitted code (ES2022 class fields, defined as TS does). */
const TSCONFIG = { compilerOptions: { target: 'ES2022', useDefineForClassFields: true } };

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.m?ts$/.test(new URL(url).pathname)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    tsconfigRaw: TSCONFIG,
    sourcefile: path,
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
