// Where the reasoning ends and the answer starts, as the client stores them, over a real HTTP server:
// the reasoning field of each server family, the first `</think>` of inline text, and a server that
// answers the streamed request with one JSON body.
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationResult } from './endpoint.ts';
import { createHttpEndpoint } from './http-client.ts';
import { sse, startScriptedServer, type Step } from './testing/scripted-server.ts';

const req = { model: 'r1', messages: [{ role: 'user' as const, content: 'Sum of 3 and 4?' }], temperature: 0.6, topP: 0.95, maxTokens: 64 };
const opts = { idleTimeoutMs: 3000, totalTimeoutMs: 10_000 };
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function generate(steps: Step[]): Promise<GenerationResult> {
  const server = await startScriptedServer(() => steps);
  closers.push(server.close);
  const ep = createHttpEndpoint(server.url);
  closers.push(() => ep.close!());
  return ep.generate(req, opts);
}

/** A non-streamed chat.completion body, sent as application/json. */
function jsonBody(message: Record<string, unknown>, finish = 'stop', delayMs = 0): Step[] {
  const body = { id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }], usage: { prompt_tokens: 9, completion_tokens: 20, total_tokens: 29 } };
  return [{ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }, { write: JSON.stringify(body), delayMs }];
}

describe('reasoning fields, streamed', () => {
  it('an empty reasoning_content beside a non-empty reasoning takes the non-empty one (Ollama-style deltas)', async () => {
    const result = await generate([
      { write: sse.chunk({ role: 'assistant', content: '', reasoning_content: '', reasoning: '' }) },
      { write: sse.chunk({ content: '', reasoning_content: '', reasoning: 'Adding three' }), delayMs: 20 },
      { write: sse.chunk({ content: '', reasoning_content: '', reasoning: ' and four.' }) },
      { write: sse.chunk({ content: 'It is 7.', reasoning_content: '', reasoning: '' }, 'stop'), delayMs: 20 },
      { write: sse.done },
    ]);
    expect(result).toMatchObject({ reasoning: 'Adding three and four.', answer: 'It is 7.' });
    // The reasoning chunks are tokens: TTFT is the first of them, not the answer.
    expect(result.timing.firstAnswerTokenMs! - result.timing.firstTokenMs!).toBeGreaterThanOrEqual(15);
  });

  it('an empty reasoning beside a non-empty reasoning_content takes reasoning_content', async () => {
    const result = await generate([{ write: sse.chunk({ reasoning_content: 'carry none', reasoning: '' }) }, { write: sse.chunk({ content: '7' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'carry none', answer: '7' });
  });

  it('both fields holding the same text (vLLM keeps them in sync) count it once', async () => {
    const result = await generate([{ write: sse.chunk({ reasoning_content: 'three plus four', reasoning: 'three plus four' }) }, { write: sse.chunk({ content: '7' }, 'stop') }, { write: sse.done }]);
    expect(result.reasoning).toBe('three plus four');
  });

  it('after a reasoning field, think tags in content are answer text', async () => {
    const result = await generate([{ write: sse.chunk({ reasoning_content: 'thinking' }) }, { write: sse.chunk({ content: 'The tag </think> closes a block; \\boxed{7}' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'thinking', answer: 'The tag </think> closes a block; \\boxed{7}' });
  });
});

describe('inline tags: the first </think> is the boundary', () => {
  it('a second </think> belongs to the answer, and the first answer token is the chunk after the first one', async () => {
    const result = await generate([
      { write: sse.chunk({ content: '<think>add them: \\boxed{6}?' }) },
      // Chunks 100 ms apart arrive in separate reads even on a loaded machine (30 ms could coalesce).
      { write: sse.chunk({ content: '</think>' }), delayMs: 100 },
      { write: sse.chunk({ content: '\nSo 7. (a stray </think> here)' }), delayMs: 100 },
      { write: sse.chunk({ content: '</think> \\boxed{7}' }, 'stop'), delayMs: 100 },
      { write: sse.done },
    ]);
    expect(result.reasoning).toBe('add them: \\boxed{6}?');
    expect(result.answer).toBe('So 7. (a stray </think> here)</think> \\boxed{7}');
    // TTFA is the arrival of the third token chunk (first + two gaps), not the second (the tag) or the fourth.
    const [g1, g2] = result.timing.chunkGapsMs!;
    expect(g1).toBeGreaterThanOrEqual(50); // separate reads (a late first read can shorten the gap it starts)
    expect(result.timing.firstAnswerTokenMs!).toBeCloseTo(result.timing.firstTokenMs! + g1! + g2!, 6);
  });

  it('without the opening tag, and a <think> written in the answer stays in the answer', async () => {
    const result = await generate([{ write: sse.chunk({ content: 'sum is 7</think>Write <think> to open; answer 7</think>' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'sum is 7', answer: 'Write <think> to open; answer 7</think>' });
  });
});

describe('a JSON body answering the streamed request', () => {
  it('empty reasoning_content beside reasoning, with usage and finish reason', async () => {
    const result = await generate(jsonBody({ content: '\nIt is 7.', reasoning_content: '', reasoning: 'three plus four' }, 'stop', 40));
    expect(result).toMatchObject({ reasoning: 'three plus four', answer: 'It is 7.', finishReason: 'stop', usage: { promptTokens: 9, completionTokens: 20 } });
    // One body: the first token, first answer token and end are all when it arrived.
    expect(result.timing.firstTokenMs!).toBeGreaterThanOrEqual(35);
    expect(result.timing.firstAnswerTokenMs).toBe(result.timing.firstTokenMs);
  });

  it('inline tags split at the first </think>; tagless text is all answer; tagless and cut off is no answer', async () => {
    expect(await generate(jsonBody({ content: '<think>hm</think>7 </think> 8' }))).toMatchObject({ reasoning: 'hm', answer: '7 </think> 8' });
    expect(await generate(jsonBody({ content: ' Answer: 7 ' }))).toMatchObject({ reasoning: null, answer: 'Answer: 7' });
    expect(await generate(jsonBody({ content: 'so far \\boxed{7} wait' }, 'length'))).toMatchObject({ reasoning: 'so far \\boxed{7} wait', answer: null, finishReason: 'length' });
  });

  it('a JSON body that is not a completion is a retryable protocol error naming what is missing', async () => {
    await expect(generate([{ status: 200, headers: { 'content-type': 'application/json' } }, { write: '{"object":"list"}' }])).rejects.toMatchObject({
      kind: 'protocol',
      retryable: true,
      message: expect.stringContaining('choices[0].message'),
    });
  });
});
