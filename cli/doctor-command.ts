// `r1bench doctor`: is this deployment serving R1 the way R1 must be served? One line per check.
import { int, UsageError, type Command } from './args.ts';
import { apiKeyFromEnv } from '../runners/secrets.ts';

const HELP = `r1bench doctor --endpoint URL --model NAME [--api-key-env VAR] [--json] [--timeout-s N]

Checks a deployment before GPU hours are spent on it, in about a minute and a few thousand generated
tokens: model-listed, streaming, usage, reasoning-split, temperature, seed, max-tokens, context,
system-prompt, latency, metrics. Each prints pass / warn / fail / skip, what was seen, and for a warn
or fail the fix for the detected engine (vLLM, SGLang, llama.cpp, Ollama, a hosted API), or for all.

  --endpoint URL     OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1
  --model NAME       model name as the server knows it
  --api-key-env VAR  read the API key from this environment variable
  --json             print { endpoint, model, server: { engine, version }, checks: [{ id, status, observed, fix }] }
  --timeout-s N      longest one probe request may take (default 120)

Exit status: 0 when nothing failed, 1 when a check failed, 2 for bad input or an unreachable endpoint.`;

const MARK = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const;

export const doctorCommand: Command = {
  name: 'doctor',
  help: HELP,
  options: {
    endpoint: { type: 'string' },
    model: { type: 'string' },
    'api-key-env': { type: 'string' },
    json: { type: 'boolean' },
    'timeout-s': { type: 'string' },
  },
  async run(v) {
    if (!v.endpoint) throw new UsageError('--endpoint URL is required (e.g. http://127.0.0.1:8000/v1)');
    if (!v.model) throw new UsageError('--model NAME is required (the name the server lists at /v1/models)');
    const timeoutS = int(v['timeout-s'], '--timeout-s', 1) ?? 120;
    const apiKey = apiKeyFromEnv(v['api-key-env']);
    const { runDoctor, exitCodeOf, DoctorUnreachableError, DoctorAuthError } = await import('../runners/doctor/index.ts');
    let report;
    try {
      report = await runDoctor({ baseUrl: v.endpoint, model: v.model, apiKey, requestTimeoutMs: timeoutS * 1000 });
    } catch (e) {
      if (e instanceof DoctorUnreachableError || e instanceof DoctorAuthError) throw new UsageError(e.message);
      throw e;
    }
    if (v.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return exitCodeOf(report);
    }
    const server = report.server.engine ? `${report.server.engine}${report.server.version ? ` ${report.server.version}` : ''}` : 'engine unknown';
    const lines = [`doctor: ${report.endpoint}, model ${report.model} (${server})`];
    const width = Math.max(...report.checks.map((c) => c.id.length));
    for (const c of report.checks) lines.push(`${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.observed}${c.fix ? ` — fix: ${c.fix}` : ''}`);
    const count = (s: string) => report.checks.filter((c) => c.status === s).length;
    lines.push(`${count('fail')} failed, ${count('warn')} warnings, ${count('pass')} passed, ${count('skip')} skipped`);
    process.stdout.write(lines.join('\n') + '\n');
    return exitCodeOf(report);
  },
};
