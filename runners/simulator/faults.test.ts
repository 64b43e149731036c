import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultSpec, pickFault } from './faults.ts';
import { mathSuite, promptOf, testSuites } from './fixtures.ts';
import { startSimulator, type FaultKind, type SimulatorOptions } from './index.ts';
import { assemble, chat, post, type RawResponse } from './testing.ts';

const base: Partial<SimulatorOptions> = { suites: [], loadedSuites: testSuites, reasoningTokens: 30, seed: 4 };

/** One request against a simulator that injects `kind` every time. */
async function withFault(kind: FaultKind, body: Record<string, unknown>, extra: Partial<SimulatorOptions> = {}): Promise<{ r: RawResponse; outcome: string; faults: number }> {
  const sim = await startSimulator({ ...base, faults: { [kind]: 1 }, ...extra });
  try {
    const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), body), { 'x-r1bench-sample': 't-math/m1/0' });
    await new Promise((res) => setTimeout(res, 20)); // the server notes the outcome after the socket goes
    return { r, outcome: sim.requestLog[0]!.outcome, faults: sim.stats().faults[kind] ?? 0 };
  } finally {
    await sim.close();
  }
}

const stream = { stream: true };
const parses = (data: string) => {
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
};

describe('parseFaultSpec', () => {
  it('reads KIND=RATE lists', () => {
    expect(parseFaultSpec('429=0.05, 500=0.02,reset=0.01,cut=0.02,stall=0.01,')).toEqual({ '429': 0.05, '500': 0.02, reset: 0.01, cut: 0.02, stall: 0.01 });
    expect(parseFaultSpec('')).toEqual({});
  });

  it('rejects bad parts with one line naming them', () => {
    const bad: [string, string][] = [
      ['429', '"429" must be KIND=RATE'],
      ['boom=0.1', 'unknown fault "boom"'],
      ['500=x', 'rate of "500" must be a number from 0 to 1, got "x"'],
      ['500=1.5', 'got "1.5"'],
      ['500=0.6,cut=0.6', 'sum to 1.200'],
    ];
    for (const [spec, message] of bad) {
      expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
      expect(() => parseFaultSpec(spec)).toThrow(message);
      try {
        parseFaultSpec(spec);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('draws each fault at its rate, per (seed, sample, attempt)', () => {
    const counts: Record<string, number> = {};
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const f = pickFault({ '429': 0.1, reset: 0.05 }, 1, `s/i/${i}`, 0) ?? 'none';
      counts[f] = (counts[f] ?? 0) + 1;
    }
    expect(Math.abs(counts['429']! / n - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(counts.reset! / n - 0.05)).toBeLessThan(0.008);
    expect(pickFault({ cut: 0.5 }, 1, 'k', 3)).toBe(pickFault({ cut: 0.5 }, 1, 'k', 3));
  });
});

describe('each fault, produced', () => {
  it('429 with and without Retry-After', async () => {
    const a = await withFault('429', stream, { retryAfterS: 2 });
    expect(a.r.status).toBe(429);
    expect(a.r.headers['retry-after']).toBe('2');
    expect(JSON.parse(a.r.text).error.code).toBe('rate_limit_exceeded');
    const b = await withFault('429-no-retry-after', stream);
    expect(b.r.status).toBe(429);
    expect(b.r.headers['retry-after']).toBeUndefined();
    expect([a.faults, b.faults]).toEqual([1, 1]);
  });

  it('500, 502 and 503', async () => {
    for (const [kind, type] of [['500', 'application/json'], ['502', 'text/html'], ['503', 'application/json']] as const) {
      const { r, outcome } = await withFault(kind, stream);
      expect(r.status).toBe(Number(kind));
      expect(r.headers['content-type']).toBe(type);
      expect(outcome).toBe(kind);
    }
  });

  it('reset: the connection dies before the first byte', async () => {
    const { r, outcome } = await withFault('reset', stream);
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/socket hang up|ECONNRESET/);
    expect(outcome).toBe('reset');
  });

  it('cut: some chunks, then the connection dies without [DONE]', async () => {
    for (const body of [stream, { stream: false }]) {
      const { r, outcome } = await withFault('cut', body);
      expect(r.status).toBe(200);
      expect(r.error).toBeDefined();
      expect(outcome).toBe('cut');
      if (body.stream) {
        expect(assemble(r).tokenChunks).toBeGreaterThan(5);
        expect(r.events.some((e) => e.data === '[DONE]')).toBe(false);
      } else expect(parses(r.text)).toBe(false);
    }
  });

  it('stall: no bytes for stallMs mid-stream, then the end without [DONE]', async () => {
    const { r, outcome } = await withFault('stall', stream, { stallMs: 400 });
    // Client side the silence is shorter by however late this shared event loop read the last bytes.
    expect(r.endAt - r.arrivals.at(-1)!).toBeGreaterThanOrEqual(330);
    expect(r.endAt - r.sentAt).toBeGreaterThanOrEqual(400);
    expect(assemble(r).tokenChunks).toBeGreaterThan(5);
    expect(r.events.some((e) => e.data === '[DONE]')).toBe(false);
    expect(outcome).toBe('stall');
  });

  it('a stall ends at once when the simulator closes', async () => {
    const sim = await startSimulator({ ...base, faults: { stall: 1 }, stallMs: 60_000 });
    const pending = post(`${sim.url}/chat/completions`, chat('x', stream));
    while (sim.requestLog[0]?.firstTokenAt === undefined) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await sim.close();
    await pending;
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('malformed SSE line and invalid JSON, mid-stream, then the stream goes on', async () => {
    const m = await withFault('malformed', stream);
    expect(m.r.otherLines).toEqual(['data {bad']);
    expect(m.r.events.at(-1)!.data).toBe('[DONE]');
    const j = await withFault('bad-json', stream);
    const broken = j.r.events.filter((e) => !parses(e.data) && e.data !== '[DONE]');
    expect(broken.length).toBe(1);
    expect(j.r.events.indexOf(broken[0]!)).toBeGreaterThan(5);
    expect(j.r.events.at(-1)!.data).toBe('[DONE]');
    expect([m.outcome, j.outcome]).toEqual(['malformed', 'bad-json']);
  });

  it('error event inside the stream, llama.cpp style', async () => {
    const { r } = await withFault('error-event', stream);
    expect(r.status).toBe(200);
    const last = JSON.parse(r.events.at(-1)!.data);
    expect(last).toEqual({ error: { code: 500, message: 'simulated error during generation', type: 'server_error' } });
    expect(r.events.length).toBeGreaterThan(5);
    const whole = await withFault('error-event', {});
    expect(whole.r.status).toBe(500);
  });

  it('ignores max_tokens: generates past it and says stop', async () => {
    const { r } = await withFault('ignore-max-tokens', { ...stream, max_tokens: 50, stream_options: { include_usage: true } });
    const a = assemble(r);
    expect(a.finishReason).toBe('stop');
    expect((a.usage as { completion_tokens: number }).completion_tokens).toBeGreaterThan(50);
    expect(a.content).toContain('\\boxed{');
  });

  it('trickle: one byte every trickleByteMs for trickleMs, then the rest', async () => {
    const { r, outcome } = await withFault('trickle', stream, { trickleByteMs: 15, trickleMs: 300 });
    const early = r.arrivals.filter((t) => t - r.arrivals[0]! < 250);
    expect(early.length).toBeGreaterThan(8);
    expect(early.length).toBeLessThan(25);
    expect(r.arrivals.at(-1)! - r.sentAt).toBeGreaterThanOrEqual(300);
    expect(assemble(r).done).toBe(true);
    expect(outcome).toBe('trickle');
  });
});

describe('retries and the request log', () => {
  it('a retry of the same sample draws again; the sequence repeats with the same seed', async () => {
    const statuses = async () => {
      const sim = await startSimulator({ ...base, faults: { '500': 0.5 } });
      try {
        const out: (number | null)[] = [];
        for (let i = 0; i < 12; i++) out.push((await post(`${sim.url}/chat/completions`, chat('q'), { 'x-r1bench-sample': 's/i/0' })).status);
        expect(sim.requestLog.map((e) => e.attempt)).toEqual([...Array(12).keys()]);
        return out;
      } finally {
        await sim.close();
      }
    };
    const a = await statuses();
    expect(a).toContain(200);
    expect(a).toContain(500);
    expect(await statuses()).toEqual(a);
  });

  it('logFile: one JSON line per request, readable by another process', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'r1sim-')), 'requests.jsonl');
    const sim = await startSimulator({ ...base, logFile, faults: { '503': 0.3 } });
    try {
      for (let i = 0; i < 10; i++) await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), stream), { 'x-r1bench-sample': `t-math/m1/${i}` });
      const lines = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.sampleKey)).toEqual([...Array(10).keys()].map((i) => `t-math/m1/${i}`));
      expect(lines.every((l) => ['stop', '503'].includes(l.outcome))).toBe(true);
      expect(lines.filter((l) => l.outcome === '503').length).toBe(sim.stats().faults['503'] ?? 0);
      expect(lines.find((l) => l.outcome === 'stop')).toMatchObject({ itemKey: 't-math/m1', status: 200, completionTokens: expect.any(Number) });
    } finally {
      await sim.close();
    }
  });
});
