// A precompiled bits/stdc++.h for the judge's C++ compiles. R1 writes nearly every solution with
// that header, and parsing it is most of a compile: ~1.3 s plain, ~0.3 s with the .gch (g++ 12).
//
// Layout: <cacheDir>/pch-<key>/bits/stdc++.h.gch, shown read-only in the sandbox as /work/pch and
// found through `-I pch`. g++ looks for `<dir>/bits/stdc++.h.gch` before the header itself; when the
// .gch cannot be used (flags differ, a macro such as _GLIBCXX_DEBUG is defined first, it is not the
// first include, the file is damaged) g++ ignores it silently and goes on to the system header, so
// verdicts never depend on it. The key covers the flags, the compiler version and the header file,
// so an upgraded compiler or libstdc++ gets a fresh .gch instead of a stale one that g++ would skip.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { withRunDir, type JudgeEnv } from './workspace.ts';

/** The name the PCH dir has in the sandbox's working dir (`-I pch`). */
export const PCH_MOUNT = 'pch';
const HEADER = 'bits/stdc++.h';
/** Building the .gch takes ~3 s of CPU and ~330 MB; the file is ~100 MB. */
const BUILD_LIMITS = { memoryMb: 2048, cpuSeconds: 60, processes: 32, fileSizeBytes: 512 << 20, scratchMb: 256 };
const BUILD_WALL_MS = 180_000;
const GXX = '/usr/bin/g++';

/** Whether a source includes bits/stdc++.h: only such sources are compiled with the PCH dir. */
export function includesStdcHeader(code: string): boolean {
  return /^[ \t]*#[ \t]*include[ \t]*[<"]bits\/stdc\+\+\.h[>"]/m.test(code);
}

export interface PchSource {
  /** The system header the .gch is built from (what `#include <bits/stdc++.h>` finds without it). */
  header: string;
  /** Names the .gch: flags, compiler version, header size and mtime. */
  key: string;
}

const sources = new Map<string, Promise<PchSource | null>>();

/** Finds the header in g++'s own search list; null when g++ or the header is missing. */
export function pchSource(flags: readonly string[]): Promise<PchSource | null> {
  const memo = flags.join(' ');
  let p = sources.get(memo);
  if (!p) {
    p = (async () => {
      try {
        const { stderr } = await promisify(execFile)(GXX, [...flags, '-x', 'c++', '-E', '-v', '/dev/null'], { timeout: 30_000 });
        const lines = stderr.split('\n');
        const version = lines.find((l) => /^gcc version /.test(l))?.trim() ?? '';
        const start = lines.findIndex((l) => l.startsWith('#include <...> search starts here'));
        const end = lines.findIndex((l) => l.startsWith('End of search list'));
        if (start < 0 || end < start) return null;
        for (const dir of lines.slice(start + 1, end).map((l) => l.trim())) {
          const header = join(dir, HEADER);
          if (!existsSync(header)) continue;
          const st = statSync(header);
          const key = createHash('sha256').update([memo, version, header, st.size, st.mtimeMs].join('\0')).digest('hex').slice(0, 16);
          return { header, key };
        }
        return null;
      } catch {
        return null;
      }
    })();
    sources.set(memo, p);
  }
  return p;
}

/** Host paths of the PCH for a cache dir (whether or not it is built yet). */
export function pchPaths(cacheDir: string, key: string): { dir: string; gch: string } {
  const dir = join(cacheDir, `pch-${key}`);
  return { dir, gch: join(dir, `${HEADER}.gch`) };
}

/** In-process builds by .gch path; a failed build is not retried by this process. */
const builds = new Map<string, Promise<boolean>>();
let tmpCounter = 0;

/**
 * The host dir to show as PCH_MOUNT, building the .gch on first need; null when it cannot be built
 * (the caller then compiles against the plain header). Concurrent callers in this process share one
 * build; other processes may build at the same time, and each publishes a complete file by rename,
 * so a half-written .gch is never visible under its final name.
 */
export async function ensurePch(env: JudgeEnv, flags: readonly string[]): Promise<string | null> {
  const source = await pchSource(flags);
  if (!source) return null;
  const { dir, gch } = pchPaths(env.cacheDir, source.key);
  if (existsSync(gch)) return dir;
  let b = builds.get(gch);
  if (!b) {
    b = buildPch(env, flags, source.header, gch);
    // A success is forgotten so that a .gch deleted later is rebuilt on the next need.
    b.then((ok) => { if (ok) builds.delete(gch); }, () => {});
    builds.set(gch, b);
  }
  return (await b) && existsSync(gch) ? dir : null;
}

async function buildPch(env: JudgeEnv, flags: readonly string[], header: string, gch: string): Promise<boolean> {
  const tmp = `${gch}.${process.pid}.${++tmpCounter}.tmp`;
  try {
    // The sandbox user must be able to search and read it: 0755 dirs, a 0644 file owned by us.
    mkdirSync(dirname(gch), { recursive: true, mode: 0o755 });
    return await withRunDir(env, async (run) => {
      const out = run.dir('out');
      // Built in the sandbox with the compile's own flags, so g++ accepts it there.
      const r = await run.exec([GXX, ...flags, '-x', 'c++-header', header, '-o', 'out/stdc++.h.gch'], BUILD_LIMITS, BUILD_WALL_MS);
      const built = join(out, 'stdc++.h.gch');
      if (r.wallKilled || r.exitCode !== 0 || !existsSync(built)) return false;
      copyFileSync(built, tmp);
      chmodSync(tmp, 0o644);
      renameSync(tmp, gch);
      return true;
    });
  } catch {
    try { rmSync(tmp, { force: true }); } catch { /* its dir may be unusable: nothing was written */ }
    return false;
  }
}
