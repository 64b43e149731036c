// Benchmark of the local code judge: compiles per second, test runs per second on the worker pool,
// and the sandbox's overhead per run over a bare process spawn of the same binary.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeReference } from '../types.ts';
import { compileSource, CPP_FLAGS } from '../scorers/judge/compile.ts';
import { createJudge } from '../scorers/judge/index.ts';
import { openEnvironment } from '../scorers/judge/local.ts';
import { withRunDir } from '../scorers/judge/workspace.ts';

import type { BenchRow } from './row.ts';
import { median } from '../hardware-profiles/stats.ts';
import { ensurePch } from '../scorers/judge/pch.ts';

export interface JudgeBenchOptions {
  /** Distinct C++ sources compiled (cold cache). */
  compiles?: number;
  /** Tests in the throughput run. */
  tests?: number;
  /** Runs per side for the overhead comparison. */
  overheadRuns?: number;
}

/** Written the way R1 writes solutions (bits/stdc++.h), so compile figures are realistic. */
const ECHO_SUM = (salt: number) =>
  `#include <bits/stdc++.h>\nusing namespace std;\n// variant ${salt}\nint main(){long long a,b; if(!(cin>>a>>b)) return 1; cout<<a+b+${salt}-${salt}<<"\\n";}`;


async function bareRunMs(binary: string, inputPath: string): Promise<number> {
  const stdin = openSync(inputPath, 'r');
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(binary, [], { stdio: [stdin, 'ignore', 'ignore'] });
      p.once('error', reject);
      p.once('close', () => resolve());
    });
  } finally {
    closeSync(stdin);
  }
  return performance.now() - started;
}

export async function benchJudge(opts: JudgeBenchOptions = {}): Promise<{ rows: BenchRow[] }> {
  const compiles = opts.compiles ?? 8;
  const tests = opts.tests ?? 60;
  const overheadRuns = opts.overheadRuns ?? 15;
  const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-bench-judge-'));
  try {
    const env = await openEnvironment(cacheDir, false);
    const workers = availableParallelism();

    // The precompiled bits/stdc++.h is built once per cache directory: timed on its own.
    let t = performance.now();
    const pch = await ensurePch(env, CPP_FLAGS);
    const pchS = (performance.now() - t) / 1000;

    // Compiles: distinct sources so the binary cache never answers; as many at once as there are cores.
    t = performance.now();
    const built = await Promise.all(Array.from({ length: compiles }, (_, i) => compileSource(env, { language: 'cpp', code: ECHO_SUM(i + 1) })));
    const compileS = (performance.now() - t) / 1000;
    if (!built.every((b) => b.ok)) throw new Error('benchmark program failed to compile');

    // Test runs: one cached binary, many small tests on the judge's pool.
    const judge = createJudge({ cacheDir, workers });
    const ref: CodeReference = {
      kind: 'code', timeLimitMs: 1000, memoryLimitMb: 256,
      tests: Array.from({ length: tests }, (_, i) => ({ input: `${i} ${i}\n`, output: `${2 * i}\n` })),
    };
    await judge.judge({ language: 'cpp', code: ECHO_SUM(1) }, { ...ref, tests: ref.tests.slice(0, 1) });
    t = performance.now();
    const r = await judge.judge({ language: 'cpp', code: ECHO_SUM(1) }, ref);
    const runS = (performance.now() - t) / 1000;
    if (r.verdict !== 'AC') throw new Error(`benchmark program got ${r.verdict}: ${r.detail}`);
    await judge.close();

    // Overhead: the same binary and input, sandboxed vs spawned bare, one at a time.
    const program = built[0]!.ok ? built[0]!.program : null;
    const overhead = await withRunDir(env, async (dir) => {
      const input = dir.file('input.txt', '20 22\n');
      dir.mount(program!.path, 'prog');
      const limits = { memoryMb: 256, cpuSeconds: 2, processes: 32, fileSizeBytes: 1 << 20, scratchMb: 32 };
      const sandboxed: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < overheadRuns; i++) {
        let s = performance.now();
        await dir.exec(['./prog'], limits, 10_000, 'input.txt');
        sandboxed.push(performance.now() - s);
        bare.push(await bareRunMs(program!.path, input));
      }
      return { sandboxed: median(sandboxed), bare: median(bare) };
    });

    return {
      rows: [
        { name: 'judge: one-off build of the precompiled bits/stdc++.h', value: round(pchS), unit: 's', target: pch ? 'once per cache dir' : 'failed: plain header used' },
        { name: 'judge: C++ compiles per second (bits/stdc++.h, binary cache cold, sandboxed)', value: round(compiles / compileS), unit: 'compiles/s', target: '≥ 0.5' },
        { name: `judge: test runs per second (${workers} workers)`, value: round(tests / runS), unit: 'runs/s', target: '≥ 20' },
        { name: 'judge: sandbox overhead per run over a bare spawn (median)', value: round(overhead.sandboxed - overhead.bare), unit: 'ms', target: '≤ 60' },
        { name: 'judge: bare spawn of the same binary (median)', value: round(overhead.bare), unit: 'ms', target: 'reference' },
      ],
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
