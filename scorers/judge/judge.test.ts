// Verdicts of the real local judge (bubblewrap sandbox, g++, /usr/bin/python3) on small programs.
// Time limits are only tight where the verdict cannot depend on the machine's speed or load:
// CPU time is measured per process, so a loaded machine slows the wall clock, not the CPU count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeReference, SourceCode } from '../../types.ts';
import { createJudge, sandboxAvailable } from './index.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-judge-test-'));
const judge = createJudge({ cacheDir, workers: 2 });
afterAll(async () => { await judge.close(); rmSync(cacheDir, { recursive: true, force: true }); });

const cpp = (code: string): SourceCode => ({ language: 'cpp', code });
const py = (code: string): SourceCode => ({ language: 'python', code });
const ref = (tests: [string, string][], extra: Partial<CodeReference> = {}): CodeReference =>
  ({ kind: 'code', tests: tests.map(([input, output]) => ({ input, output })), timeLimitMs: 1000, memoryLimitMb: 256, ...extra });
const SUM = ref([['1 2\n', '3\n'], ['40 2\n', '42'], ['-5 5\n', '0\n']]);

const CPP_SUM = '#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}';
const CPP_HEADER = '#include <bits/stdc++.h>\nusing namespace std;\n';

it('has a working sandbox on this machine', async () => {
  expect(await sandboxAvailable(cacheDir)).toEqual({ ok: true });
});

describe('C++', () => {
  it('AC with time and memory measured', async () => {
    const r = await judge.judge(cpp(CPP_SUM), SUM);
    expect(r).toMatchObject({ verdict: 'AC', testsRun: 3 });
    expect(r.failedTest).toBeUndefined();
    expect(r.memoryMb).toBeGreaterThan(0);
  });
  it('WA names the first failing test, 0-based', async () => {
    const r = await judge.judge(cpp(`${CPP_HEADER}int main(){long long a,b;cin>>a>>b;cout<<(a==40?0:a+b);}`), SUM);
    expect(r).toMatchObject({ verdict: 'WA', failedTest: 1, testsRun: 2 });
    expect(r.detail).toContain("expected '42', got '0'");
  });
  it('TLE for an infinite loop, measured in CPU time', async () => {
    const r = await judge.judge(cpp('int main(){volatile unsigned long x=0;for(;;)x++;}'), ref([['', '']], { timeLimitMs: 500 }));
    expect(r).toMatchObject({ verdict: 'TLE', failedTest: 0 });
    expect(r.timeMs).toBeGreaterThan(500);
  });
  it('MLE, not RE, when allocation fails at the memory limit', async () => {
    const code = `${CPP_HEADER}int main(){vector<vector<char>> v; for(;;){v.emplace_back(1<<20, 'x');} }`;
    const r = await judge.judge(cpp(code), ref([['', '']], { memoryLimitMb: 64 }));
    expect(r.verdict).toBe('MLE');
  });
  it('MLE for one allocation larger than the limit', async () => {
    const r = await judge.judge(cpp(`${CPP_HEADER}int main(){vector<long long> v(100000000); v[5]=1; cout<<v[5];}`), ref([['', '1']], { memoryLimitMb: 256 }));
    expect(r.verdict).toBe('MLE');
  });
  it('RE for a crash and for a non-zero exit', async () => {
    const segv = await judge.judge(cpp('int main(){volatile int*p=0;*p=1;}'), ref([['', '']]));
    expect(segv.verdict).toBe('RE');
    expect(segv.detail).toContain('signal 11');
    const exit3 = await judge.judge(cpp('#include <cstdlib>\nint main(){std::exit(3);}'), ref([['', '']]));
    expect(exit3).toMatchObject({ verdict: 'RE', detail: 'test 1: exit code 3' });
  });
  it('OLE for endless output', async () => {
    const r = await judge.judge(cpp('#include <cstdio>\nint main(){for(;;)puts("yes");}'), ref([['', 'yes']], { timeLimitMs: 5000 }));
    expect(r.verdict).toBe('OLE');
  });
  it('CE with a short compiler message; ONLINE_JUDGE is defined', async () => {
    const r = await judge.judge(cpp('int main(){ return undefined_name; }'), SUM);
    expect(r).toMatchObject({ verdict: 'CE', testsRun: 0 });
    expect(r.detail).toContain('undefined_name');
    expect(r.detail!.length).toBeLessThanOrEqual(300);
    const oj = await judge.judge(cpp('#ifndef ONLINE_JUDGE\n#error no\n#endif\n#include <cstdio>\nint main(){puts("ok");}'), ref([['', 'ok']]));
    expect(oj.verdict).toBe('AC');
  });
  it('fractional time limits: the same program passes at 1.5 s and fails at 0.1 s', async () => {
    const burn = `${CPP_HEADER}int main(){auto t=clock(); volatile long x=0; while(clock()-t < CLOCKS_PER_SEC*3/10) x++; cout<<"done";}`;
    expect((await judge.judge(cpp(burn), ref([['', 'done']], { timeLimitMs: 1500 }))).verdict).toBe('AC');
    const tle = await judge.judge(cpp(burn), ref([['', 'done']], { timeLimitMs: 100 }));
    expect(tle.verdict).toBe('TLE');
    expect(tle.timeMs).toBeGreaterThanOrEqual(250);
  });
});

describe('Python', () => {
  it('AC, WA, RE and CE', async () => {
    expect((await judge.judge(py('a,b=map(int,input().split())\nprint(a+b)'), SUM)).verdict).toBe('AC');
    expect(await judge.judge(py('print(3)'), SUM)).toMatchObject({ verdict: 'WA', failedTest: 1 });
    const re = await judge.judge(py('raise ValueError("boom")'), SUM);
    expect(re).toMatchObject({ verdict: 'RE', failedTest: 0 });
    expect(re.detail).toContain('ValueError: boom');
    expect((await judge.judge(py('def f(:\n  pass'), SUM)).verdict).toBe('CE');
  });
  it('TLE, MLE and OLE', async () => {
    expect((await judge.judge(py('while True: pass'), ref([['', '']], { timeLimitMs: 500 }))).verdict).toBe('TLE');
    expect((await judge.judge(py('x = []\nwhile True: x.append(bytearray(1 << 20))'), ref([['', '']], { memoryLimitMb: 96 }))).verdict).toBe('MLE');
    expect((await judge.judge(py('while True: print("y" * 1000)'), ref([['', '']], { timeLimitMs: 5000 }))).verdict).toBe('OLE');
  });
});

describe('judging rules', () => {
  it('stops at the first failure: a slow later test is never started', async () => {
    const code = 'import time\nn=int(input())\nif n==3: time.sleep(20)\nprint(n)';
    const solo = createJudge({ cacheDir, workers: 1 });
    const started = Date.now();
    const r = await solo.judge(py(code), ref([['1', '1'], ['2', '5'], ['3', '3']]));
    expect(r).toMatchObject({ verdict: 'WA', failedTest: 1, testsRun: 2 });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
  it('the lowest failing test wins when tests run in parallel', async () => {
    const code = 'n=int(input())\nprint(n if n < 3 else -1)';
    const r = await judge.judge(py(code), ref([['1', '1'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5']]));
    expect(r).toMatchObject({ verdict: 'WA', failedTest: 2, testsRun: 3 });
  });
  it("inputMode 'file' reads input.txt and writes output.txt", async () => {
    const code = 'a,b=map(int,open("input.txt").read().split())\nopen("output.txt","w").write(str(a*b))';
    expect((await judge.judge(py(code), ref([['6 7', '42']], { inputMode: 'file' }))).verdict).toBe('AC');
    const cppCode = `${CPP_HEADER}int main(){ifstream in("input.txt"); ofstream out("output.txt"); long long a,b; in>>a>>b; out<<a*b;}`;
    expect((await judge.judge(cpp(cppCode), ref([['6 7', '42']], { inputMode: 'file' }))).verdict).toBe('AC');
  });
  it('YES/NO compares case-insensitively, other tokens exactly', async () => {
    expect((await judge.judge(py('print("yEs")\nprint("  Abc  ")'), ref([['', 'YES\nAbc']]))).verdict).toBe('AC');
    expect((await judge.judge(py('print("abc")'), ref([['', 'Abc']]))).verdict).toBe('WA');
  });
  it('a checker program decides when the problem has one (prints 1 or 100 to accept)', async () => {
    // Any pair (x, y) with x + y = n is accepted.
    const checker = [
      'import sys',
      'n = int(open(sys.argv[1]).read())',
      'x, y = map(int, open(sys.argv[3]).read().split())',
      'print(1 if x + y == n else 0)',
    ].join('\n');
    const problem = ref([['10', '5 5'], ['7', '3 4']], { checker });
    expect((await judge.judge(py('n=int(input())\nprint(n-1, 1)'), problem)).verdict).toBe('AC');
    expect(await judge.judge(py('n=int(input())\nprint(n, 1)'), problem)).toMatchObject({ verdict: 'WA', failedTest: 0 });
    // Garbage output crashes this checker: a rejection, not a judge failure.
    expect((await judge.judge(py('print("x")'), problem)).verdict).toBe('WA');
    const full = ref([['1', '1']], { checker: 'print(100)' });
    expect((await judge.judge(py('print(1)'), full)).verdict).toBe('AC');
  });
  it('refuses a reference without tests', async () => {
    await expect(judge.judge(py('print(1)'), ref([]))).rejects.toThrow(/no tests/);
  });
});
