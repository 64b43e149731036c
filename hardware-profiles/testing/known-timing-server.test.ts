import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { chunkPlan, startKnownTimingServer } from './known-timing-server.ts';

function rawStream(port: number, body: object): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (b) => (text += b));
      res.on('end', () => resolve(text.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('known-timing server', () => {
  it('chunk plan: the first reasoning and the first answer token travel alone; no chunk crosses into the answer', () => {
    expect(chunkPlan(10, 4, 3)).toEqual([1, 3, 1, 3, 2]);
    expect(chunkPlan(5, 5, 2)).toEqual([1, 2, 2]);
    expect(chunkPlan(3, 0, 4)).toEqual([1, 2]);
  });

  it('streams a role-only chunk, reasoning_content, then content, finish, usage and [DONE]; max_tokens truncates', async () => {
    const s = await startKnownTimingServer({ ttftMs: 20, interTokenMs: 2, reasoningTokens: 3, answerTokens: 2, tokensPerChunk: [2], reportReasoningTokens: true });
    try {
      const events = await rawStream(s.port, { model: 'm', max_tokens: 100 });
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
      expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
      const deltas = chunks.slice(1, -2).map((c) => c.choices[0].delta);
      expect(deltas).toEqual([{ reasoning_content: 'think ', content: null }, { reasoning_content: 'think think ', content: null }, { content: 'word ' }, { content: 'word ' }]);
      expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: 5, completion_tokens_details: { reasoning_tokens: 3 } } });
      const cut = (await rawStream(s.port, { model: 'm', max_tokens: 2 })).slice(0, -1).map((e) => JSON.parse(e));
      expect(cut.at(-2).choices[0].finish_reason).toBe('length');
      expect(s.server.truths.map((t) => [t.tokens, t.chunkSizes, t.finishReason])).toEqual([
        [5, [1, 2, 1, 1], 'stop'],
        [2, [1, 1], 'length'],
      ]);
      expect(s.server.truths[0]!.ttftMs).toBeGreaterThanOrEqual(19);
    } finally {
      await s.close();
    }
  });
});
