// The code a sample runs only when its stream ends (the last chunks with usage, building the result,
// scoring it) is compiled, and its regular expressions built, on its first call. In `run` that first
// call comes while hundreds of other streams are in flight, on the thread that timestamps their chunks:
// measured at 512 streams, the first completions held that thread 20–50 ms, and the streams whose first
// token arrived then were timed that much late. `bench` and the library benchmark send warm-up requests
// first; a run sends none, so it runs that code here, on a made-up stream, before its first request.
import type { Scorer } from '../scorers/scorer.ts';
import type { Reference } from '../types.ts';
import { SseDecoder } from './sse.ts';
import { StreamAccumulator } from './stream-accumulator.ts';

const chunk = (delta: Record<string, string>, finishReason: string | null = null, extra: Record<string, unknown> = {}) =>
  `data: ${JSON.stringify({ id: 'warm-up', object: 'chat.completion.chunk', created: 0, model: 'warm-up', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`;

/** Streams a made-up completion through the decoder and accumulator, then scores it against each reference. */
export function warmUpSampleCode(scorers: { scorer: Scorer; reference: Reference }[]): void {
  const acc = new StreamAccumulator();
  const decoder = new SseDecoder((data) => acc.onData(data, 1));
  const text = [
    chunk({ role: 'assistant', content: '' }),
    chunk({ reasoning_content: 'Adding 1 and 1 gives 2.' }),
    chunk({ content: 'The answer is $\\boxed{2}$.\n\nAnswer: A' }),
    chunk({}, 'stop', { usage: { prompt_tokens: 1, completion_tokens: 2, completion_tokens_details: { reasoning_tokens: 1 } } }),
    'data: [DONE]\n\n',
  ].join('');
  decoder.push(Buffer.from(text));
  decoder.end();
  const result = acc.result(Date.now(), 2);
  for (const { scorer, reference } of scorers) {
    // A warm-up never stops a run: a scorer that fails here fails again, and is reported, on a real sample.
    try {
      const verdict = scorer.score(result, reference);
      if (verdict instanceof Promise) verdict.catch(() => {});
    } catch {
      /* see above */
    }
  }
}
