// `r1bench serve local:PATH.gguf`: a local GGUF model behind the OpenAI-compatible HTTP API.
import { int, UsageError, type Command } from './args.ts';

export const serveCommand: Command = {
  name: 'serve',
  help: `r1bench serve local:PATH.gguf [--port P] [--host H] [--threads N] [--parallel N] [--context-size N]

Serves /v1/chat/completions (streaming with reasoning_content and llama.cpp-style timings, or not),
/v1/models and /health, with the model's own chat template and R1's sampling defaults.
Reasoning is split from the answer at the first </think> exactly as \`run --endpoint local:\` splits it,
and usage counts reasoning_tokens. When neither the template nor the model opens <think>, text is held
back until a </think> shows it was reasoning (or the end shows it was the answer).
Needs the optional dependency node-llama-cpp (npm install node-llama-cpp@3.21.1).`,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    threads: { type: 'string' },
    parallel: { type: 'string' },
    'context-size': { type: 'string' },
  },
  allowPositionals: true,
  async run(v, pos) {
    if (pos.length !== 1 || !pos[0]!.startsWith('local:')) throw new UsageError('expected one model: r1bench serve local:PATH.gguf');
    const { startLocalServer } = await import('../runners/local/index.ts');
    const server = await startLocalServer({
      model: pos[0]!,
      port: int(v.port, '--port', 0) ?? 8080,
      host: v.host ?? '127.0.0.1',
      threads: int(v.threads, '--threads', 1),
      parallel: int(v.parallel, '--parallel', 1),
      contextSize: int(v['context-size'], '--context-size', 1),
    });
    process.stdout.write(`serving ${pos[0]} on ${server.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
