// Compiling inside the sandbox, with binaries cached by source hash. The compiler sees only /usr and
// the source, so an `#include "/etc/passwd"` fails as "no such file" instead of printing a host file
// into a stored compile error. Python is syntax-checked the same way so a SyntaxError is CE, not RE.
import { copyFileSync, chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Language, SourceCode } from '../../types.ts';
import { ensurePch, includesStdcHeader, PCH_MOUNT } from './pch.ts';
import { shorten } from './verdict.ts';
import { readCapped, withRunDir, type JudgeEnv } from './workspace.ts';

export const CPP_FLAGS = ['-O2', '-std=c++17', '-DONLINE_JUDGE'];
const COMPILE_LIMITS = { memoryMb: 2048, cpuSeconds: 30, processes: 32, fileSizeBytes: 256 << 20, scratchMb: 256 };
const COMPILE_WALL_MS = 90_000;
/** The sandboxed g++ command; withPch adds the dir holding bits/stdc++.h.gch (mounted as PCH_MOUNT). */
export function cppCompileArgv(withPch: boolean): string[] {
  return ['/usr/bin/g++', ...CPP_FLAGS, ...(withPch ? ['-I', PCH_MOUNT] : []), '-o', 'out/prog', 'sol.cpp'];
}
const PY_SYNTAX_CHECK = "import sys\ncompile(open('sol.py','rb').read(),'sol.py','exec')";

/** A program ready to run: a cached binary, or a Python source file. */
export interface Program {
  language: Language;
  /** Host path of the binary (cpp) or the source (python). */
  path: string;
  compileMs: number;
  cached: boolean;
}

export type Compiled = { ok: true; program: Program } | { ok: false; detail: string };

function sourceHash(source: SourceCode): string {
  const salt = source.language === 'cpp' ? `g++ ${CPP_FLAGS.join(' ')}` : 'python3';
  return createHash('sha256').update(`${salt}\0${source.code}`).digest('hex');
}

/** The first error lines only: enough to see why, short enough to store per sample. */
function errorSummary(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => /error|Error/.test(l));
  return shorten((lines.length ? lines.slice(0, 3) : stderr.trim().split('\n').slice(-2)).join(' | '), 300);
}

const inFlight = new Map<string, Promise<Compiled>>();

export function compileSource(env: JudgeEnv, source: SourceCode): Promise<Compiled> {
  const key = `${env.cacheDir}\0${sourceHash(source)}`;
  let p = inFlight.get(key);
  if (!p) {
    p = compileUncached(env, source).finally(() => inFlight.delete(key));
    inFlight.set(key, p);
  }
  return p;
}

async function compileUncached(env: JudgeEnv, source: SourceCode): Promise<Compiled> {
  const hash = sourceHash(source);
  const binDir = join(env.cacheDir, 'bin');
  mkdirSync(binDir, { recursive: true, mode: 0o755 });
  const artifact = join(binDir, source.language === 'cpp' ? hash : `${hash}.py`);
  const ceFile = join(binDir, `${hash}.ce`);
  if (existsSync(artifact)) return { ok: true, program: { language: source.language, path: artifact, compileMs: 0, cached: true } };
  if (existsSync(ceFile)) return { ok: false, detail: readFileSync(ceFile, 'utf8') };

  const started = performance.now();
  // Built on the first source that needs it (that compile waits for it); null: the plain header.
  const pch = source.language === 'cpp' && env.precompiledHeader !== false && includesStdcHeader(source.code)
    ? await ensurePch(env, CPP_FLAGS) : null;
  const result = await withRunDir(env, async (dir) => {
    if (source.language === 'cpp') {
      dir.file('sol.cpp', source.code);
      const out = dir.dir('out');
      if (pch) dir.mount(pch, PCH_MOUNT);
      const r = await dir.exec(cppCompileArgv(pch !== null), COMPILE_LIMITS, COMPILE_WALL_MS);
      const built = join(out, 'prog');
      if (!r.wallKilled && r.exitCode === 0 && existsSync(built)) {
        // Copied, not moved: the cache holds a file the sandbox user does not own.
        const tmp = `${artifact}.${process.pid}.tmp`;
        copyFileSync(built, tmp);
        chmodSync(tmp, 0o755);
        renameSync(tmp, artifact);
        return null;
      }
      return r.wallKilled || r.cpuMs >= COMPILE_LIMITS.cpuSeconds * 1000
        ? 'compilation exceeded its time limit'
        : errorSummary(readCapped(r.stderrPath, 64 * 1024).text) || `compiler exit code ${r.exitCode}`;
    }
    dir.file('sol.py', source.code);
    const r = await dir.exec(['/usr/bin/python3', '-c', PY_SYNTAX_CHECK], { ...COMPILE_LIMITS, memoryMb: 512 }, COMPILE_WALL_MS);
    if (!r.wallKilled && r.exitCode === 0) {
      const tmp = `${artifact}.${process.pid}.tmp`;
      writeFileSync(tmp, source.code, { mode: 0o644 });
      renameSync(tmp, artifact);
      return null;
    }
    return r.wallKilled ? 'syntax check timed out' : errorSummary(readCapped(r.stderrPath, 64 * 1024).text) || 'syntax check failed';
  });
  const compileMs = performance.now() - started;
  if (result === null) return { ok: true, program: { language: source.language, path: artifact, compileMs, cached: false } };
  // A timeout may be the machine's load rather than the source: only real errors are cached.
  if (!/time limit|timed out/.test(result)) writeFileSync(ceFile, result);
  return { ok: false, detail: result };
}
