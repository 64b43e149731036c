// Doctor against the simulator playing each deployment mistake: every check's pass path, and its warn or
// fail path with the fix that goes with it. Probes are left out of the simulator's request counts.
import { describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorOptions } from '../simulator/index.ts';
import { startScriptedServer } from '../testing/scripted-server.ts';
import { CHECK_IDS, DoctorUnreachableError, exitCodeOf, runCheapChecks, runDoctor, type CheckId, type DoctorReport } from './index.ts';

const MODEL = 'deepseek-r1';
const fast = { attempts: 3, retryBaseMs: 5, requestTimeoutMs: 20_000 };

/** Runs doctor (the given checks, or all) against a simulator with these options. */
async function doctor(opts: Partial<SimulatorOptions>, checks?: CheckId[], model = MODEL): Promise<DoctorReport> {
  const sim = await startSimulator({ model: MODEL, reasoningTokens: 60, ...opts });
  try {
    const report = await runDoctor({ baseUrl: sim.url, model, ...fast }, checks ? { checks } : {});
    // Probes never show up in what tests count.
    expect(sim.stats().requests).toBe(0);
    expect(sim.requestLog).toHaveLength(0);
    return report;
  } finally {
    await sim.close();
  }
}
const check = (r: DoctorReport, id: CheckId) => r.checks.find((c) => c.id === id)!;

describe('doctor against a well-configured deployment', () => {
  it('passes every check, in the table order, with nothing to fix', async () => {
    const r = await doctor({ honourSeed: true });
    expect(r.checks.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(r.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(r.checks.every((c) => c.fix === null && c.observed.length > 0)).toBe(true);
    expect(r.server).toEqual({ engine: 'r1bench simulate', version: null });
    expect(exitCodeOf(r)).toBe(0);
    expect(check(r, 'reasoning-split').observed).toContain('reasoning_content');
    expect(check(r, 'metrics').observed).toContain('vllm:num_requests_running');
    expect(check(r, 'latency').observed).toMatch(/^TTFT \d+ ms, TTFA \d+ ms, [\d.]+ tokens\/s over \d+ tokens/);
  });

  it("accepts vLLM's newer `reasoning` field", async () => {
    expect(check(await doctor({ reasoningFormat: 'reasoning' }, ['reasoning-split']), 'reasoning-split')).toMatchObject({ status: 'pass' });
  });

  it('retries 429s and 503s as samples do, and still passes', async () => {
    const r = await doctor({ faults: { '429': 0.3, '503': 0.2 }, retryAfterS: 0, seed: 3 }, ['streaming', 'usage', 'reasoning-split', 'max-tokens']);
    expect(r.checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });
});

describe('doctor finds each misconfiguration', () => {
  it('reasoning inline with both tags (no reasoning parser): warn, with each engine’s parser flag', async () => {
    const c = check(await doctor({ reasoningFormat: 'inline' }, ['reasoning-split']), 'reasoning-split');
    expect(c.status).toBe('warn');
    expect(c.observed).toContain('<think> tags');
    for (const flag of ['--reasoning-parser deepseek_r1', '--reasoning-parser deepseek-r1', '--reasoning-format deepseek', 'Ollama', 'hosted API']) expect(c.fix).toContain(flag);
  });

  it('a template without <think> (only </think> in content): warn', async () => {
    const c = check(await doctor({ reasoningFormat: 'inline-no-open' }, ['reasoning-split']), 'reasoning-split');
    expect(c).toMatchObject({ status: 'warn' });
    expect(c.observed).toContain('no opening tag');
  });

  it('no reasoning at all, or reasoning in content with no tag to split on: fail after every prompt', async () => {
    for (const reasoningFormat of ['none', 'untagged'] as const) {
      const r = await doctor({ reasoningFormat }, ['reasoning-split']);
      expect(check(r, 'reasoning-split')).toMatchObject({ status: 'fail', observed: expect.stringContaining('no reasoning on 3 prompts') });
      expect(exitCodeOf(r)).toBe(1);
    }
  });

  it('R1 skipping thinking (empty think block) on every prompt: warn, not fail', async () => {
    const c = check(await doctor({ reasoningFormat: 'inline', reasoningTokens: 0 }, ['reasoning-split']), 'reasoning-split');
    expect(c).toMatchObject({ status: 'warn', observed: expect.stringContaining('skipped thinking') });
    expect(c.fix).toContain('<think>\\n');
  });

  it('sampling ignored: temperature fails and the seed cannot be tested', async () => {
    const r = await doctor({ ignoreSampling: true }, ['temperature', 'seed']);
    expect(check(r, 'temperature')).toMatchObject({ status: 'fail', observed: expect.stringContaining('byte-identical') });
    expect(check(r, 'seed').status).toBe('skip');
  });

  it('identical but very short outputs prove nothing: temperature is skipped, not failed', async () => {
    // The scripted test server answers every probe with the same three tokens.
    const server = await startScriptedServer(() => []);
    try {
      const r = await runDoctor({ baseUrl: server.url, model: MODEL, ...fast }, { checks: ['temperature', 'max-tokens'] });
      expect(check(r, 'temperature')).toMatchObject({ status: 'skip', observed: '6 identical requests gave the same 3-token output: too short to tell ignored sampling from chance' });
      expect(check(r, 'max-tokens').status).toBe('warn');
      expect(server.received).toHaveLength(0);
      expect(server.probes.length).toBeGreaterThan(6);
    } finally {
      await server.close();
    }
  });

  it('seeds ignored: warn that runs are not reproducible', async () => {
    const c = check(await doctor({}, ['seed']), 'seed');
    expect(c).toMatchObject({ status: 'warn', observed: expect.stringContaining('not reproducible') });
    expect(c.fix).toContain('--enable-deterministic-inference');
  });

  it('max_tokens ignored: fail', async () => {
    const c = check(await doctor({ faults: { 'ignore-max-tokens': 1 } }, ['max-tokens']), 'max-tokens');
    expect(c).toMatchObject({ status: 'fail', observed: expect.stringMatching(/max_tokens 16 ignored: \d+ tokens \(usage\), finish_reason stop/) });
  });

  it('no usage chunk: usage fails and the system prompt check cannot tell', async () => {
    const r = await doctor({ noUsage: true }, ['usage', 'system-prompt', 'max-tokens']);
    expect(check(r, 'usage')).toMatchObject({ status: 'fail', observed: expect.stringContaining('no usage chunk') });
    expect(check(r, 'system-prompt').status).toBe('skip');
    // Without usage, max_tokens is judged from the chunks.
    expect(check(r, 'max-tokens')).toMatchObject({ status: 'pass', observed: expect.stringContaining('token chunks') });
  });

  it('an injected system prompt: warn only', async () => {
    const r = await doctor({ injectSystemPrompt: 'You are a helpful assistant who answers every question politely and in full sentences. '.repeat(2) }, ['system-prompt']);
    expect(check(r, 'system-prompt')).toMatchObject({ status: 'warn', observed: expect.stringMatching(/one-word prompt costs \d+ prompt tokens/) });
    expect(exitCodeOf(r)).toBe(0);
  });

  it('a context too short for 32,768 generated tokens: fail, from /v1/models', async () => {
    const c = check(await doctor({ contextTokens: 16_384 }, ['context']), 'context');
    expect(c).toMatchObject({ status: 'fail', observed: expect.stringContaining('16384 tokens (/v1/models max_model_len) <') });
    expect(c.fix).toContain('--max-model-len');
  });

  it('a stream that breaks every time: streaming fails; a model name the server does not know: warn and 404', async () => {
    expect(check(await doctor({ faults: { cut: 1 } }, ['streaming']), 'streaming')).toMatchObject({ status: 'fail', observed: expect.stringContaining('broke') });
    const r = await doctor({}, ['model-listed', 'streaming', 'max-tokens'], 'deepseek-r2');
    // A 404 says nothing about max_tokens: that check could not be made, it did not fail.
    expect(check(r, 'max-tokens')).toMatchObject({ status: 'skip', observed: expect.stringContaining('HTTP 404') });
    expect(check(r, 'model-listed')).toMatchObject({ status: 'warn', observed: '"deepseek-r2" is not listed; the server lists "deepseek-r1"' });
    expect(check(r, 'streaming')).toMatchObject({ status: 'fail', observed: expect.stringContaining('HTTP 404') });
  });
});

describe('doctor as a library for run preflight', () => {
  it('runCheapChecks gives the four cheap findings as data', async () => {
    const sim = await startSimulator({ model: MODEL, reasoningTokens: 40 });
    try {
      const r = await runCheapChecks({ baseUrl: sim.url, model: MODEL, ...fast });
      expect(r.checks.map((c) => [c.id, c.status])).toEqual([['streaming', 'pass'], ['usage', 'pass'], ['reasoning-split', 'pass'], ['max-tokens', 'pass']]);
      expect(sim.stats().requests).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('an endpoint that does not answer: runDoctor throws one line, runCheapChecks skips', async () => {
    const sim = await startSimulator({});
    const url = sim.url;
    await sim.close();
    await expect(runDoctor({ baseUrl: url, model: MODEL, ...fast })).rejects.toThrow(DoctorUnreachableError);
    await expect(runDoctor({ baseUrl: url, model: MODEL, ...fast })).rejects.toThrow(/^cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: ECONNREFUSED$/);
    const r = await runCheapChecks({ baseUrl: url, model: MODEL, ...fast });
    expect(r.checks.map((c) => c.status)).toEqual(['skip', 'skip', 'skip', 'skip']);
  });
});
