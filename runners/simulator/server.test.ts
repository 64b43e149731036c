import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './index.ts';
import { mathSuite, promptOf, testSuites } from './fixtures.ts';
import { assemble, chat, post } from './testing.ts';

const base = { suites: [], loadedSuites: testSuites, reasoningTokens: 40, seed: 7 };

describe('wire format', () => {
  for (const format of ['reasoning_content', 'reasoning', 'inline', 'inline-no-open'] as const) {
    it(`streams reasoning then answer as ${format}`, async () => {
      const sim = await startSimulator({ ...base, reasoningFormat: format, correctRate: 1, noAnswerRate: 0 });
      try {
        const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true }));
        expect(r.status).toBe(200);
        expect(r.headers['content-type']).toBe('text/event-stream');
        const a = assemble(r);
        expect(a.firstDelta).toEqual({ role: 'assistant', content: '' });
        expect(a.done).toBe(true);
        expect(a.finishReason).toBe('stop');
        const fields = new Set(r.events.filter((e) => e.data !== '[DONE]').flatMap((e) => Object.keys(JSON.parse(e.data).choices[0]?.delta ?? {})));
        if (format === 'reasoning_content' || format === 'reasoning') {
          expect(fields.has(format)).toBe(true);
          expect(fields.has(format === 'reasoning' ? 'reasoning_content' : 'reasoning')).toBe(false);
          expect(a.reasoning.split(/\s+/).length).toBe(40);
          expect(a.content).toMatch(/\\boxed\{24\}/);
          expect(a.content).not.toContain('think>');
        } else {
          expect(a.reasoning).toBe('');
          expect(a.content.startsWith('<think>\n')).toBe(format === 'inline');
          const close = a.content.indexOf('</think>');
          expect(close).toBeGreaterThan(0);
          expect(a.content.slice(close)).toMatch(/\\boxed\{24\}/);
          expect(a.content.slice(0, close)).not.toMatch(/\\boxed\{24\}/); // only decoys inside
        }
      } finally {
        await sim.close();
      }
    });
  }

  it('sends usage on a last chunk with no choices, and llama.cpp timings when asked', async () => {
    const sim = await startSimulator({ ...base, timings: true });
    try {
      const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, stream_options: { include_usage: true } }));
      const a = assemble(r);
      const last = JSON.parse(r.events[r.events.length - 2]!.data);
      expect(last.choices).toEqual([]);
      const tokens = a.reasoning.split(/\s+/).length + a.content.trim().split(/\s+/).length;
      expect(last.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: tokens, completion_tokens_details: { reasoning_tokens: 40 } });
      expect(last.usage.total_tokens).toBe(7 + tokens);
      expect(a.timings).toMatchObject({ prompt_n: 7, predicted_n: tokens });
      expect(Object.keys(a.timings!).sort()).toEqual(['predicted_ms', 'predicted_n', 'predicted_per_second', 'prompt_ms', 'prompt_n']);
      const noUsage = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true }));
      expect(assemble(noUsage).usage).toBeNull();
    } finally {
      await sim.close();
    }
  });

  it('stops at max_tokens with finish_reason length, inside the reasoning or the answer', async () => {
    const sim = await startSimulator(base);
    try {
      const inside = assemble(await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, max_tokens: 25, stream_options: { include_usage: true } })));
      expect(inside.finishReason).toBe('length');
      expect(inside.reasoning.split(/\s+/).length).toBe(25);
      expect(inside.content).toBe('');
      expect(inside.usage).toMatchObject({ completion_tokens: 25 });
      const inAnswer = assemble(await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, max_tokens: 42 })));
      expect(inAnswer.finishReason).toBe('length');
      expect(inAnswer.content.trim().split(/\s+/).length).toBe(2);
      // Non-streaming, vLLM style: cut inside the reasoning means content null.
      const whole = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { max_tokens: 10 }));
      const body = JSON.parse(whole.text);
      expect(body.choices[0]).toMatchObject({ finish_reason: 'length', message: { role: 'assistant', content: null } });
      expect(body.choices[0].message.reasoning_content.split(/\s+/).length).toBe(10);
      expect(body.usage.completion_tokens).toBe(10);
    } finally {
      await sim.close();
    }
  });

  it('answers non-streaming requests with one JSON body', async () => {
    const sim = await startSimulator({ ...base, correctRate: 1, noAnswerRate: 0, reasoningFormat: 'reasoning' });
    try {
      const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite)));
      const body = JSON.parse(r.text);
      expect(body.object).toBe('chat.completion');
      expect(body.choices[0].finish_reason).toBe('stop');
      expect(body.choices[0].message.reasoning.split(/\s+/).length).toBe(40);
      expect(body.choices[0].message.content).toMatch(/\\boxed\{24\}/);
      expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(40);
    } finally {
      await sim.close();
    }
  });
});

describe('requests it refuses', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ ...base, apiKey: 'sk-test', model: 'deepseek-r1', contextTokens: 1000 });
  });
  afterAll(() => sim.close());
  const auth = { authorization: 'Bearer sk-test' };

  it('401 without the API key, with an OpenAI-style error', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }] as Record<string, string>[]) {
      const r = await post(`${sim.url}/chat/completions`, chat('hi'), headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text).error).toMatchObject({ code: 'invalid_api_key', type: 'invalid_request_error' });
    }
    expect((await fetch(`${sim.url}/models`)).status).toBe(401);
    expect((await post(`${sim.url}/chat/completions`, chat('hi'), auth)).status).toBe(200);
    // Health and metrics stay open, as on vLLM.
    expect((await fetch(`http://127.0.0.1:${sim.port}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${sim.port}/metrics`)).status).toBe(200);
  });

  it('404 for a model it does not serve', async () => {
    const r = await post(`${sim.url}/chat/completions`, { ...chat('hi'), model: 'gpt-4' }, auth);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text).error.message).toContain('`gpt-4` does not exist');
    const models = await (await fetch(`${sim.url}/models`, { headers: auth })).json();
    expect(models.data[0]).toMatchObject({ id: 'deepseek-r1', object: 'model', max_model_len: 1000 });
  });

  it('400 like vLLM when prompt + max_tokens exceed the context', async () => {
    const r = await post(`${sim.url}/chat/completions`, chat('one two three', { max_tokens: 998 }), auth);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toBe(
      "This model's maximum context length is 1000 tokens. However, you requested 1001 tokens (3 in the messages, 998 in the completion). Please reduce the length of the messages or completion.",
    );
    expect((await post(`${sim.url}/chat/completions`, chat('one two three', { max_tokens: 997 }), auth)).status).toBe(200);
  });

  it('400 for a body that is not JSON or has no messages, 404 for unknown routes', async () => {
    const bad = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: auth, body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await post(`${sim.url}/chat/completions`, { model: 'deepseek-r1', messages: [] }, auth)).status).toBe(400);
    expect((await fetch(`${sim.url}/embeddings`, { headers: auth })).status).toBe(404);
    const outcomes = sim.stats().outcomes;
    expect(outcomes['bad-request']).toBeGreaterThanOrEqual(3);
    expect(outcomes.unauthorized).toBe(2);
  });
});
