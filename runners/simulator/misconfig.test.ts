// The deployment mistakes the simulator can play, for `r1bench doctor` to find, and doctor probes kept
// out of the request counts.
import { afterEach, describe, expect, it } from 'vitest';
import { PROBE_HEADER, startSimulator, type RunningSimulator } from './index.ts';
import { parseSimulatorArgs } from './flags.ts';
import { assemble, chat, post } from './testing.ts';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const stream = (extra: Record<string, unknown> = {}) => chat('Write one sentence about the sea.', { stream: true, stream_options: { include_usage: true }, max_tokens: 40, ...extra });
const ask = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => assemble(await post(`${sim!.url}/chat/completions`, body, headers));
const text = (a: { reasoning: string; content: string }) => a.reasoning + '|' + a.content;

describe('simulator misconfigurations', () => {
  it('samples: the same prompt twice differs, unless sampling is ignored', async () => {
    sim = await startSimulator({ reasoningTokens: 30 });
    expect(text(await ask(stream()))).not.toBe(text(await ask(stream())));
    await sim.close();
    sim = await startSimulator({ reasoningTokens: 30, ignoreSampling: true });
    const first = await ask(stream());
    expect(text(await ask(stream({ seed: 3 })))).toBe(text(first));
    expect(text(await ask(stream(), { 'x-r1bench-sample': 'aime-sample/x/1' }))).toBe(text(first));
  });

  it('honours a seed when asked to: same seed, same text; another seed, another text', async () => {
    sim = await startSimulator({ reasoningTokens: 30, honourSeed: true });
    const a = await ask(stream({ seed: 7 }));
    expect(text(await ask(stream({ seed: 7 })))).toBe(text(a));
    expect(text(await ask(stream({ seed: 8 })))).not.toBe(text(a));
  });

  it('leaves out the usage chunk when configured so, even when asked for it', async () => {
    sim = await startSimulator({ reasoningTokens: 10, noUsage: true });
    const a = await ask(stream());
    expect(a.done).toBe(true);
    expect(a.usage).toBeNull();
  });

  it('counts an injected system prompt in the prompt tokens', async () => {
    sim = await startSimulator({ reasoningTokens: 5, injectSystemPrompt: 'You are a helpful assistant. Always answer politely.' });
    const a = await ask(chat('Hi', { stream: true, stream_options: { include_usage: true }, max_tokens: 1 }));
    expect(a.usage!.prompt_tokens).toBe(1 + 8);
  });

  it('sends reasoning in content with no tags (untagged), or no reasoning at all (none)', async () => {
    sim = await startSimulator({ reasoningTokens: 20, reasoningFormat: 'untagged' });
    const untagged = await ask(stream({ max_tokens: 200 }));
    expect(untagged.reasoning).toBe('');
    expect(untagged.content).not.toMatch(/<\/?think>/);
    expect(untagged.content.split(/\s+/).length).toBeGreaterThan(20);
    await sim.close();
    sim = await startSimulator({ reasoningTokens: 20, reasoningFormat: 'none' });
    const none = await ask(stream({ max_tokens: 200 }));
    expect(none.reasoning).toBe('');
    expect(none.usage!.completion_tokens).toBe(none.content.trim().split(/\s+/).length);
  });

  it('serves doctor probes without counting them in stats or the request log', async () => {
    sim = await startSimulator({ reasoningTokens: 5 });
    await ask(stream(), { [PROBE_HEADER]: '1' });
    await ask(stream(), { [PROBE_HEADER]: '1' });
    expect(sim.stats().requests).toBe(0);
    expect(sim.requestLog).toHaveLength(0);
    await ask(stream());
    expect(sim.stats().requests).toBe(1);
    expect(sim.requestLog.map((e) => e.seq)).toEqual([0]);
    expect(Object.values(sim.stats().outcomes).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('takes the misconfigurations as flags', () => {
    expect(parseSimulatorArgs(['--ignore-sampling', '--honour-seed', '--no-usage', '--inject-system-prompt', 'Be brief.', '--reasoning-format', 'untagged'])).toEqual({
      ignoreSampling: true,
      honourSeed: true,
      noUsage: true,
      injectSystemPrompt: 'Be brief.',
      reasoningFormat: 'untagged',
    });
  });
});
