// The Piston backend against local servers that follow Piston's documented API (piston-fake.ts):
// real Piston cannot run on this machine, so these servers execute requests in the local sandbox.
// What is tested is the client: the requests it sends, how it reads the stages, failover across
// the pool, and that it reaches the same verdicts as the local backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeReference, SourceCode } from '../../types.ts';
import { createJudge } from './index.ts';
import { openEnvironment } from './local.ts';
import { startFakePiston, type FakePiston } from './piston-fake.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-piston-'));
let ok: FakePiston, ok2: FakePiston, broken: FakePiston, internal: FakePiston;
let deadUrl = '';
const local = createJudge({ cacheDir, workers: 2 });

beforeAll(async () => {
  const env = await openEnvironment(cacheDir, false);
  [ok, ok2, broken, internal] = await Promise.all([startFakePiston(env), startFakePiston(env), startFakePiston(env, 'broken'), startFakePiston(env, 'internal')]);
  // A port that was just free: connections to it are refused.
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(s.address() as { port: number }).port}`;
  await new Promise<void>((r) => s.close(() => r()));
});
afterAll(async () => {
  await Promise.all([ok, ok2, broken, internal].map((s) => s?.close()));
  rmSync(cacheDir, { recursive: true, force: true });
});

const ref = (tests: [string, string][], extra: Partial<CodeReference> = {}): CodeReference =>
  ({ kind: 'code', tests: tests.map(([input, output]) => ({ input, output })), timeLimitMs: 1000, memoryLimitMb: 256, ...extra });
const SUM = ref([['1 2', '3'], ['40 2', '42']]);
const HDR = '#include <bits/stdc++.h>\nusing namespace std;\n';

const CASES: [string, SourceCode, CodeReference][] = [
  ['AC c++', { language: 'cpp', code: `${HDR}int main(){long long a,b;cin>>a>>b;cout<<a+b;}` }, SUM],
  ['WA python', { language: 'python', code: 'a,b=map(int,input().split())\nprint(a+b if a<10 else 0)' }, SUM],
  ['TLE c++', { language: 'cpp', code: 'int main(){volatile long x=0;for(;;)x++;}' }, ref([['', '']], { timeLimitMs: 500 })],
  ['MLE python', { language: 'python', code: 'x=[]\nwhile True: x.append(bytearray(1<<20))' }, ref([['', '']], { memoryLimitMb: 96 })],
  ['RE c++', { language: 'cpp', code: 'int main(){volatile int*p=0;*p=1;}' }, ref([['', '']])],
  ['CE c++', { language: 'cpp', code: 'int main(){ nope; }' }, SUM],
  ['CE python', { language: 'python', code: 'def f(:\n  pass' }, SUM],
  ['OLE python', { language: 'python', code: 'while True: print("y"*4096)' }, ref([['', 'y']], { timeLimitMs: 5000 })],
  ['checker', { language: 'python', code: 'n=int(input())\nprint(n-1, 1)' }, ref([['10', '5 5']], { checker: 'import sys\nn=int(open(sys.argv[1]).read())\nprint(1 if sum(map(int,open(sys.argv[3]).read().split()))==n else 0)' })],
];

describe('piston backend', () => {
  it.each(CASES)('%s: same verdict as the local sandbox', async (_name, source, problem) => {
    const piston = createJudge({ backend: 'piston', pistonUrls: [ok.url] });
    const [viaPiston, viaLocal] = await Promise.all([piston.judge(source, problem), local.judge(source, problem)]);
    expect(viaPiston.verdict).toBe(viaLocal.verdict);
    expect(viaPiston.failedTest).toBe(viaLocal.failedTest);
    expect(viaPiston.testsRun).toBe(viaLocal.testsRun);
  });

  it('sends the documented request fields', async () => {
    const before = ok2.requests.length;
    const piston = createJudge({ backend: 'piston', pistonUrls: [ok2.url] });
    await piston.judge({ language: 'cpp', code: `${HDR}int main(){long long a,b;cin>>a>>b;cout<<a+b;}` }, ref([['1 2', '3']], { timeLimitMs: 1500, memoryLimitMb: 128 }));
    const run = ok2.requests.slice(before).find((r) => r.stdin === '1 2')!;
    expect(run).toMatchObject({ language: 'c++', version: '*', run_cpu_time: 1500, run_memory_limit: 128 * 1024 * 1024, args: [] });
    expect(run.files[0]).toMatchObject({ name: 'main.cpp' });
    expect(run.run_timeout).toBeGreaterThan(1500);
  });

  it('moves on to the next server when one is down, failing or reports an internal error', async () => {
    const piston = createJudge({ backend: 'piston', pistonUrls: [deadUrl, broken.url, internal.url, ok2.url] });
    const r = await piston.judge({ language: 'python', code: 'print(sum(map(int,input().split())))' }, SUM);
    expect(r.verdict).toBe('AC');
    expect(broken.requests.length).toBeGreaterThan(0);
    expect(internal.requests.length).toBeGreaterThan(0);
  });

  it('fails loudly when no server works, and refuses file-mode problems', async () => {
    const piston = createJudge({ backend: 'piston', pistonUrls: [deadUrl, broken.url] });
    await expect(piston.judge({ language: 'python', code: 'print(3)' }, SUM)).rejects.toThrow(/piston/);
    await expect(createJudge({ backend: 'piston', pistonUrls: [ok.url] }).judge({ language: 'python', code: 'print(1)' }, ref([['', '1']], { inputMode: 'file' })))
      .rejects.toThrow(/inputMode 'file'/);
    expect(() => createJudge({ backend: 'piston', pistonUrls: [] })).toThrow(/Piston URL/);
  });
});
