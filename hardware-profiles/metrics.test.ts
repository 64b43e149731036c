import { describe, expect, it } from 'vitest';
import type { Completion } from '../types.ts';
import { busyMs, parseSlo, requestMetrics, SloError, summarizePerformance } from './metrics.ts';

function completion(p: Partial<Completion> & { timing: Completion['timing'] }): Completion {
  return { runId: 'r', suiteId: 's', itemId: 'i', sample: 0, reasoning: null, answer: 'x', finishReason: 'stop', endpoint: 'e', attempts: 1, ...p };
}

// 11 tokens: first at 100 ms, then one every 10 ms; the answer starts with token 7 (7 reasoning tokens).
const steady = completion({
  usage: { promptTokens: 20, completionTokens: 11 },
  timing: { sentAt: 1_000_000, firstTokenMs: 100, firstAnswerTokenMs: 170, endMs: 200, chunkGapsMs: [20, 20, 30, 30] },
});

describe('requestMetrics', () => {
  it('computes TTFT, TTFA, E2E and TPOT from usage', () => {
    const m = requestMetrics(steady)!;
    expect(m.ttftMs).toBe(100);
    expect(m.ttfaMs).toBe(170);
    expect(m.e2eMs).toBe(200);
    expect(m.tpotMs).toBe(10); // (200 - 100) / (11 - 1)
    expect(m.itlMs).toEqual([20, 20, 30, 30]);
  });

  it('estimates the reasoning/answer split from timing when usage does not say', () => {
    const m = requestMetrics(steady)!;
    expect(m.tokenSplit).toBe('estimated');
    expect(m.answerTokens).toBe(4); // tokens at 170, 180, 190, 200
    expect(m.reasoningTokens).toBe(7);
  });

  it('takes the split from usage when given', () => {
    const m = requestMetrics({ ...steady, usage: { promptTokens: 20, completionTokens: 11, reasoningTokens: 9 } })!;
    expect(m).toMatchObject({ reasoningTokens: 9, answerTokens: 2, tokenSplit: 'usage' });
  });

  it('no answer: every token is reasoning; one token: no TPOT; error: no metrics', () => {
    const noAnswer = requestMetrics({ ...steady, answer: null, timing: { ...steady.timing, firstAnswerTokenMs: undefined } })!;
    expect(noAnswer).toMatchObject({ reasoningTokens: 11, answerTokens: 0 });
    const one = requestMetrics({ ...steady, usage: { promptTokens: 1, completionTokens: 1 } })!;
    expect(one.tpotMs).toBeUndefined();
    expect(requestMetrics({ ...steady, error: { kind: 'http', message: 'HTTP 500' } })).toBeNull();
  });
});

describe('summarizePerformance', () => {
  const second = completion({
    usage: { promptTokens: 30, completionTokens: 21, reasoningTokens: 20 },
    timing: { sentAt: 1_000_100, firstTokenMs: 300, firstAnswerTokenMs: 900, endMs: 900, chunkGapsMs: [600] },
  });
  // Fails inside the other requests' window: its 5 ms add no busy time of their own.
  const failed = completion({ error: { kind: 'network', message: 'reset' }, timing: { sentAt: 1_000_050, endMs: 5 } });

  it('aggregates latencies, tokens and throughput over the wall time', () => {
    const p = summarizePerformance([steady, second, failed]);
    expect(p.requests).toBe(2);
    expect(p.errors).toBe(1);
    expect(p.wallMs).toBe(1000); // 1_000_000 .. 1_000_100 + 900
    expect(p.ttftMs).toEqual({ mean: 200, p50: 200, p90: 280, p95: 290, p99: 298, max: 300 });
    expect(p.tpotMs!.max).toBe(30); // (900 - 300) / 20
    expect(p.itlMs!.max).toBe(600);
    expect(p.outputTokens).toBe(32);
    expect(p.reasoningTokens).toBe(27);
    expect(p.answerTokens).toBe(5);
    expect(p.tokenSplit).toBe('mixed');
    expect(p.outputTokensPerSec).toBe(32);
    expect(p.reasoningTokensPerSec).toBe(27);
    expect(p.totalTokensPerSec).toBe(82);
    expect(p.requestsPerSec).toBe(2);
    expect(p.goodput).toBeNull();
    expect(p.serverTimings).toBeUndefined();
  });

  it('goodput counts requests meeting every SLO; errors never do', () => {
    const p = summarizePerformance([steady, second, failed], { slo: parseSlo('ttft=250,tpot=20') });
    expect(p.goodput).toEqual({ slo: { ttftMs: 250, tpotMs: 20 }, requests: 1, requestsPerSec: 1, fraction: 1 / 3 });
  });

  it('puts server-reported timings beside the client numbers', () => {
    const withServer = { ...steady, serverTimings: { promptMs: 60, predictedMs: 95, predictedPerSecond: 105 } };
    const p = summarizePerformance([withServer]);
    expect(p.serverTimings!.requests).toBe(1);
    expect(p.serverTimings!.queueAndNetworkMs!.p50).toBe(40);
    expect(p.serverTimings!.predictedPerSecond!.max).toBe(105);
  });

  it('is empty but well-formed with no completions', () => {
    const p = summarizePerformance([]);
    expect(p).toMatchObject({ requests: 0, wallMs: 0, ttftMs: null, outputTokensPerSec: 0, tokenSplit: null });
  });
});

describe('wall time', () => {
  it('counts a failed request\'s time in flight: failures never make a run look faster', () => {
    const usage = { promptTokens: 10, completionTokens: 101 };
    const ok = completion({ usage, timing: { sentAt: 0, firstTokenMs: 10, endMs: 1000 } });
    // Failed after 3 s in flight (a timeout), after the completed request ended.
    const timedOut = completion({ error: { kind: 'timeout', message: 'idle timeout' }, timing: { sentAt: 1000, endMs: 3000 } });
    const p = summarizePerformance([ok, timedOut]);
    expect(p.wallMs).toBe(4000);
    expect(p.outputTokensPerSec).toBeCloseTo((101 * 1000) / 4000, 9);
    expect(p.requestsPerSec).toBeCloseTo(0.25, 9);
    // An error row with no recorded time in flight (endMs 0) adds nothing.
    expect(summarizePerformance([ok, completion({ error: { kind: 'http', message: '500' }, timing: { sentAt: 5000, endMs: 0 } })]).wallMs).toBe(1000);
  });

  it('counts only time with requests in flight: a resumed run is not charged for its pause', () => {
    const usage = { promptTokens: 10, completionTokens: 101 };
    const at = (sentAt: number, endMs: number) => completion({ usage, timing: { sentAt, firstTokenMs: 10, endMs } });
    const oneSession = summarizePerformance([at(0, 1000), at(500, 1000)]);
    expect(oneSession.wallMs).toBe(1500);
    const resumedAnHourLater = summarizePerformance([at(0, 1000), at(500, 1000), at(3_600_000, 1000)]);
    expect(resumedAnHourLater.wallMs).toBe(2500);
    expect(resumedAnHourLater.outputTokensPerSec).toBeCloseTo((3 * 101 * 1000) / 2500, 6);
    expect(busyMs([[5, 6], [0, 10], [20, 30], [25, 26]])).toBe(20);
  });
});

describe('parseSlo', () => {
  it('parses ms limits with optional units', () => {
    expect(parseSlo('ttft=2000,tpot=50,e2e=600000')).toEqual({ ttftMs: 2000, tpotMs: 50, e2eMs: 600000 });
    expect(parseSlo('ttfa=90s, ttft=250ms')).toEqual({ ttfaMs: 90000, ttftMs: 250 });
  });
  it('rejects bad input with a one-line error naming the key', () => {
    expect(() => parseSlo('ttft=2000,foo=3')).toThrow(/unknown key "foo"/);
    expect(() => parseSlo('tpot=fast')).toThrow(SloError);
    expect(() => parseSlo('tpot=-1')).toThrow(/"tpot" needs a positive number/);
    expect(() => parseSlo('')).toThrow(/at least one/);
  });
});
