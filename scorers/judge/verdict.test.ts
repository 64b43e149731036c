import { describe, expect, it } from 'vitest';
import { classifyRun, runLimits, type RunFacts } from './verdict.ts';

const LIM = { timeLimitMs: 500, memoryLimitMb: 256, outputLimitBytes: 1000 };
const clean: RunFacts = { exitCode: 0, signal: 0, cpuMs: 120, maxRssKb: 10_000, wallKilled: false, outputBytes: 10, stderrHead: '' };
const v = (f: Partial<RunFacts>) => classifyRun({ ...clean, ...f }, LIM)?.verdict ?? null;

describe('classifyRun', () => {
  it('a clean run within limits goes to the checker', () => expect(v({})).toBeNull());
  it('CPU time over the millisecond limit is TLE even when the program finished', () => {
    expect(v({ cpuMs: 501 })).toBe('TLE');
    expect(v({ cpuMs: 500 })).toBeNull();
  });
  it('the wall-clock guard and SIGXCPU are TLE', () => {
    expect(v({ wallKilled: true, exitCode: -1, signal: 9, cpuMs: 0 })).toBe('TLE');
    expect(v({ exitCode: 128 + 24, cpuMs: 300 })).toBe('TLE');
  });
  it('output at the limit, or SIGXFSZ, is OLE before anything else', () => {
    expect(v({ outputBytes: 1000, exitCode: 1, cpuMs: 900 })).toBe('OLE');
    expect(v({ exitCode: 128 + 25 })).toBe('OLE');
  });
  it('a failure near the memory limit, or with an allocation error, is MLE', () => {
    expect(v({ exitCode: 134, maxRssKb: 240 * 1024 })).toBe('MLE');
    expect(v({ exitCode: 134, stderrHead: "terminate called after throwing an instance of 'std::bad_alloc'" })).toBe('MLE');
    expect(v({ exitCode: 1, stderrHead: 'Traceback...\nMemoryError' })).toBe('MLE');
  });
  it('other failures are RE, with the reason in the detail', () => {
    expect(classifyRun({ ...clean, exitCode: 139 }, LIM)).toEqual({ verdict: 'RE', detail: 'killed by signal 11' });
    expect(classifyRun({ ...clean, exitCode: 1, stderrHead: 'Traceback\nValueError: x' }, LIM)).toEqual({ verdict: 'RE', detail: 'exit code 1: ValueError: x' });
  });
  it('a success with high memory use is not MLE', () => expect(v({ maxRssKb: 250 * 1024 })).toBeNull());
});

describe('runLimits', () => {
  it('rounds the CPU backstop up to whole seconds above the limit and keeps a generous wall guard', () => {
    expect(runLimits(500, 256).sandbox.cpuSeconds).toBe(2);
    expect(runLimits(2000, 256).sandbox.cpuSeconds).toBe(3);
    expect(runLimits(500, 256).wallGuardMs).toBeGreaterThanOrEqual(4000);
  });
});
