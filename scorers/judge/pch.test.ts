// The precompiled bits/stdc++.h on the real sandbox: built once per cache dir (also when two
// processes race for it), really loaded by g++ inside the sandbox, and never able to change a
// verdict or a compile error: every case where it cannot be used falls back to the plain header.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeReference, SourceCode } from '../../types.ts';
import { compileSource, cppCompileArgv, CPP_FLAGS } from './compile.ts';
import { createJudge } from './index.ts';
import { openEnvironment } from './local.ts';
import { ensurePch, includesStdcHeader, PCH_MOUNT, pchPaths, pchSource } from './pch.ts';
import { withRunDir, type JudgeEnv } from './workspace.ts';

const root = mkdtempSync(join(tmpdir(), 'r1bench-pch-test-'));
// The sandbox uid resolves bind-mount sources itself: it must be able to search this dir.
chmodSync(root, 0o711);
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cacheDir = join(root, 'cache');
let env: JudgeEnv;
let pchDir: string | null = null;
let childResult: { dir: string | null };

const BITS = '#include <bits/stdc++.h>\nusing namespace std;\n';
const cpp = (code: string): SourceCode => ({ language: 'cpp', code });
const ref = (input: string, output: string): CodeReference =>
  ({ kind: 'code', tests: [{ input, output }], timeLimitMs: 2000, memoryLimitMb: 256 });
const COMPILE = { memoryMb: 2048, cpuSeconds: 30, processes: 32, fileSizeBytes: 256 << 20, scratchMb: 256 };

const PCH_MODULE = fileURLToPath(new URL('./pch.ts', import.meta.url));
const LOCAL_MODULE = fileURLToPath(new URL('./local.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));
const CHILD = `
import { ensurePch } from ${JSON.stringify(PCH_MODULE)};
import { openEnvironment } from ${JSON.stringify(LOCAL_MODULE)};
const env = await openEnvironment(process.argv[2], false);
console.log(JSON.stringify({ dir: await ensurePch(env, ${JSON.stringify(CPP_FLAGS)}) }));
`;

/** Compiles sol.cpp in the sandbox with the judge's own argv plus -H, which lists each header opened. */
async function compileListingHeaders(code: string, withPch: boolean) {
  return withRunDir(env, async (dir) => {
    dir.file('sol.cpp', code);
    dir.dir('out');
    if (withPch) dir.mount(pchDir!, PCH_MOUNT);
    const r = await dir.exec([...cppCompileArgv(withPch), '-H', '-Winvalid-pch'], COMPILE, 90_000);
    return { exitCode: r.exitCode, cpuMs: r.cpuMs, stderr: readFileSync(r.stderrPath, 'utf8') };
  });
}

beforeAll(async () => {
  env = await openEnvironment(cacheDir, false);
  // Another process races this one for the same, not yet built, .gch.
  const script = join(root, 'child.mjs');
  writeFileSync(script, CHILD);
  const child = promisify(execFile)(process.execPath, [TSX, script, cacheDir], { timeout: 150_000 });
  pchDir = await ensurePch(env, CPP_FLAGS);
  childResult = JSON.parse((await child).stdout.trim().split('\n').pop()!);
}, 180_000);

describe('includesStdcHeader', () => {
  it('matches the include directive, not mentions of it', () => {
    expect(includesStdcHeader('#include <bits/stdc++.h>\nint main(){}')).toBe(true);
    expect(includesStdcHeader('#define X 1\n  #  include "bits/stdc++.h"\n')).toBe(true);
    expect(includesStdcHeader('// #include <bits/stdc++.h>\n#include <iostream>\n')).toBe(false);
    expect(includesStdcHeader('#include <iostream>\nint main(){}')).toBe(false);
  });
});

describe('building the PCH', () => {
  it('both racing processes get one complete .gch under the final name, no temp files left', async () => {
    const source = await pchSource(CPP_FLAGS);
    expect(source!.header).toMatch(/\/bits\/stdc\+\+\.h$/);
    const { dir, gch } = pchPaths(cacheDir, source!.key);
    expect(pchDir).toBe(dir);
    expect(childResult.dir).toBe(dir);
    expect(statSync(gch).size).toBeGreaterThan(10 << 20);
    expect(readdirSync(join(dir, 'bits'))).toEqual(['stdc++.h.gch']);
    expect(await ensurePch(env, CPP_FLAGS)).toBe(dir);
  });

  it('g++ inside the sandbox loads the .gch with the judge\'s argv, and compiles far faster', async () => {
    const code = `${BITS}int main(){vector<int> v{3,1,2}; sort(v.begin(), v.end()); cout<<v[0];}`;
    const withPch = await compileListingHeaders(code, true);
    expect(withPch.exitCode).toBe(0);
    // -H marks a usable PCH with '!' and a rejected one with 'x' (-Winvalid-pch then says why).
    expect(withPch.stderr.split('\n')).toContain('! pch/bits/stdc++.h.gch');
    expect(withPch.stderr).not.toContain('x pch/');
    expect(withPch.stderr).not.toContain('/usr/include/x86_64-linux-gnu/c++/12/bits/stdc++.h');
    const plain = await compileListingHeaders(code, false);
    expect(plain.exitCode).toBe(0);
    expect(plain.stderr).not.toContain('.gch');
    // CPU time, not wall time: the machine's load does not inflate it. Measured here: ~0.25 s vs ~1.2 s.
    expect(withPch.cpuMs).toBeLessThan(plain.cpuMs * 0.6);
  });

  it('a macro defined before the include makes g++ skip the .gch, not ignore the macro', async () => {
    const r = await compileListingHeaders(`#define _GLIBCXX_DEBUG\n${BITS}int main(){}`, true);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('x pch/bits/stdc++.h.gch');
    expect(r.stderr).toContain("not used because `_GLIBCXX_DEBUG' is defined");
  });
});

describe('judging with the PCH', () => {
  it('verdicts: AC through the PCH; the fallbacks keep their meaning', async () => {
    const judge = createJudge({ cacheDir, workers: 2 });
    const sum = `${BITS}int main(){long long a,b; cin>>a>>b; cout<<a+b;}`;
    expect((await judge.judge(cpp(sum), ref('2 3', '5'))).verdict).toBe('AC');
    // Debug mode catches the out-of-range index only if the plain header was compiled with it.
    const debug = await judge.judge(cpp(`#define _GLIBCXX_DEBUG\n${BITS}int main(){vector<int> v(1); cout<<v[5];}`), ref('', '0'));
    expect(debug.verdict).toBe('RE');
    const late = `#include <cstdio>\n${BITS}int main(){cout<<"late";}`;
    expect((await judge.judge(cpp(late), ref('', 'late'))).verdict).toBe('AC');
    await judge.close();
  });

  it('compile errors read the same with and without the PCH, and never show host files', async () => {
    const plainEnv: JudgeEnv = { ...env, cacheDir: join(root, 'plain'), precompiledHeader: false };
    const broken = [
      `${BITS}int main(){ return undefined_name; }`,
      `${BITS}struct P{int a;};\nint main(){ vector<P> v(2); sort(v.begin(), v.end()); }`,
      `${BITS}#include "/etc/passwd"\nint main(){}`,
    ];
    for (const code of broken) {
      const a = await compileSource(env, cpp(code));
      const b = await compileSource(plainEnv, cpp(code));
      expect(a.ok).toBe(false);
      expect(b.ok).toBe(false);
      if (a.ok || b.ok) continue;
      expect(a.detail).toBe(b.detail);
      expect(a.detail).toMatch(/error/);
      expect(a.detail).not.toMatch(/root:|\.gch/);
    }
    expect(readdirSync(join(root, 'plain')).some((n) => n.startsWith('pch-'))).toBe(false);
  });

  it('a source without bits/stdc++.h neither builds nor sees a PCH', async () => {
    const fresh = { ...env, cacheDir: join(root, 'no-bits') };
    const r = await compileSource(fresh, cpp('#include <iostream>\nint main(){std::cout<<1;}'));
    expect(r.ok).toBe(true);
    expect(readdirSync(fresh.cacheDir).some((n) => n.startsWith('pch-'))).toBe(false);
  });
});

describe('a cache dir without a usable PCH still compiles', () => {
  const code = `${BITS}int main(){ cout<<"fallback"; }`;
  it('when the PCH cannot be built there (its dir is taken by a file)', async () => {
    const blocked = { ...env, cacheDir: join(root, 'blocked') };
    const source = await pchSource(CPP_FLAGS);
    const { dir } = pchPaths(blocked.cacheDir, source!.key);
    mkdirSync(blocked.cacheDir);
    writeFileSync(dir, 'not a directory');
    expect(await ensurePch(blocked, CPP_FLAGS)).toBeNull();
    expect((await compileSource(blocked, cpp(code))).ok).toBe(true);
  });
  it('when the .gch there is damaged', async () => {
    const damaged = { ...env, cacheDir: join(root, 'damaged') };
    const source = await pchSource(CPP_FLAGS);
    const { dir, gch } = pchPaths(damaged.cacheDir, source!.key);
    mkdirSync(join(dir, 'bits'), { recursive: true });
    writeFileSync(gch, 'garbage, not a precompiled header');
    expect(await ensurePch(damaged, CPP_FLAGS)).toBe(dir);
    const judge = createJudge({ cacheDir: damaged.cacheDir, workers: 1 });
    expect((await judge.judge(cpp(code), ref('', 'fallback'))).verdict).toBe('AC');
    await judge.close();
  });
});

describe('unsafe mode (no sandbox, explicit opt-in)', () => {
  it('builds and uses the PCH through the run dir\'s symlink', async () => {
    const unsafe: JudgeEnv = { ...env, host: { mode: 'unsafe', dropPrivileges: false, bwrapPath: '' }, cacheDir: join(root, 'unsafe') };
    const dir = await ensurePch(unsafe, CPP_FLAGS);
    expect(dir).not.toBeNull();
    const listed = await withRunDir(unsafe, async (run) => {
      run.file('sol.cpp', `${BITS}int main(){ cout<<"unsafe"; }`);
      run.dir('out');
      run.mount(dir!, PCH_MOUNT);
      const r = await run.exec([...cppCompileArgv(true), '-H'], COMPILE, 90_000);
      return { exitCode: r.exitCode, stderr: readFileSync(r.stderrPath, 'utf8') };
    });
    expect(listed.exitCode).toBe(0);
    expect(listed.stderr.split('\n')).toContain('! pch/bits/stdc++.h.gch');
    expect((await compileSource(unsafe, cpp(`${BITS}int main(){ cout<<"linked"; }`))).ok).toBe(true);
  });
});
