// `r1bench simulate` flags ↔ SimulatorOptions: the table, the help text, and a parser of argv.
import { faultHelp, faultKinds, parseFaultSpec } from './faults.ts';
import { reasoningFormats, SimulatorOptionError, type SimulatorOptions } from './options.ts';

export interface SimulatorFlag {
  flag: string;
  option: keyof SimulatorOptions;
  /** How the CLI parses the value: number, string, boolean (no value), list (comma-separated numbers),
   * strings (repeatable), faults (parseFaultSpec). */
  type: 'number' | 'string' | 'boolean' | 'list' | 'strings' | 'faults';
  help: string;
}

/** `r1bench simulate` flags ↔ SimulatorOptions fields. */
export const simulatorFlags: SimulatorFlag[] = [
  { flag: '--port', option: 'port', type: 'number', help: 'port to listen on (0: any free one; default 0)' },
  { flag: '--host', option: 'host', type: 'string', help: 'address to listen on (default 127.0.0.1)' },
  { flag: '--seed', option: 'seed', type: 'number', help: 'seed of every random decision (default 1)' },
  { flag: '--model', option: 'model', type: 'string', help: 'served model name; others get 404 (default: accept any)' },
  { flag: '--api-key', option: 'apiKey', type: 'string', help: 'require Authorization: Bearer KEY (default: none)' },
  { flag: '--context-tokens', option: 'contextTokens', type: 'number', help: 'prompt + max_tokens limit; above it 400 (default 131072)' },
  { flag: '--suite', option: 'suites', type: 'strings', help: 'suite to recognise, bundled id or KIND:PATH; repeatable (default: the bundled samples)' },
  { flag: '--correct-rate', option: 'correctRate', type: 'number', help: 'probability of a right answer (default 0.7)' },
  { flag: '--no-answer-rate', option: 'noAnswerRate', type: 'number', help: 'probability of no answer at all (default 0.02)' },
  { flag: '--reasoning-tokens', option: 'reasoningTokens', type: 'number', help: 'reasoning length in tokens (default 300)' },
  { flag: '--reasoning-jitter', option: 'reasoningJitter', type: 'number', help: 'reasoning length varies by ± this fraction (default 0)' },
  { flag: '--reasoning-format', option: 'reasoningFormat', type: 'string', help: `${reasoningFormats.join(' | ')} (default reasoning_content)` },
  { flag: '--ignore-sampling', option: 'ignoreSampling', type: 'boolean', help: 'misconfigured: the same prompt always gets the same text' },
  { flag: '--honour-seed', option: 'honourSeed', type: 'boolean', help: "a request's seed picks its text (same seed, same output)" },
  { flag: '--no-usage', option: 'noUsage', type: 'boolean', help: 'misconfigured: never send a usage chunk' },
  { flag: '--inject-system-prompt', option: 'injectSystemPrompt', type: 'string', help: 'misconfigured: add this system prompt to every request' },
  { flag: '--ttft-ms', option: 'ttftMs', type: 'number', help: 'ms to the first token (default 0)' },
  { flag: '--inter-token-ms', option: 'interTokenMs', type: 'number', help: 'ms between tokens (default 0: as fast as possible)' },
  { flag: '--tokens-per-sec', option: 'tokensPerSec', type: 'number', help: 'tokens/s per stream, instead of --inter-token-ms' },
  { flag: '--tokens-per-chunk', option: 'tokensPerChunk', type: 'list', help: 'tokens per chunk; a comma list cycles per request (default 1)' },
  { flag: '--max-running', option: 'maxRunning', type: 'number', help: 'requests generating at once, others wait (default 0: no limit)' },
  { flag: '--kv-cache-tokens', option: 'kvCacheTokens', type: 'number', help: 'simulated KV cache size for /metrics (default 262144)' },
  { flag: '--timings', option: 'timings', type: 'boolean', help: 'add llama.cpp-style timings to the last chunk' },
  { flag: '--faults', option: 'faults', type: 'faults', help: 'fault rates, e.g. 429=0.05,500=0.02,reset=0.01,cut=0.02' },
  { flag: '--retry-after-s', option: 'retryAfterS', type: 'number', help: 'Retry-After of the 429 fault, seconds (default 1)' },
  { flag: '--stall-ms', option: 'stallMs', type: 'number', help: 'length of the stall fault (default 30000)' },
  { flag: '--trickle-byte-ms', option: 'trickleByteMs', type: 'number', help: 'ms per byte in the trickle fault (default 50)' },
  { flag: '--trickle-ms', option: 'trickleMs', type: 'number', help: 'how long the trickle fault lasts (default 5000)' },
  { flag: '--preload', option: 'preload', type: 'boolean', help: 'load the suites at start, not on the first request' },
  { flag: '--log-file', option: 'logFile', type: 'string', help: 'append one JSON line per request to this file' },
];

/** Text for `r1bench simulate --help`. */
export const simulatorOptionsHelp: string = [
  'Usage: r1bench simulate [options]',
  '',
  'Serves an OpenAI-compatible R1 deployment on /v1 that answers the bundled suites.',
  '',
  'Options:',
  ...simulatorFlags.map((f) => `  ${(f.flag + (f.type === 'boolean' ? '' : ' ' + (f.type === 'faults' ? 'SPEC' : 'VALUE'))).padEnd(28)}${f.help}`),
  '',
  'Fault kinds for --faults (each KIND=RATE, rates sum to at most 1):',
  ...faultKinds.map((k) => `  ${k.padEnd(22)}${faultHelp[k]}`),
].join('\n');

/**
 * Options from command-line arguments: `--flag VALUE`, `--flag=VALUE`, boolean flags alone,
 * `--suite` repeatable. Throws SimulatorOptionError naming the flag; values are checked again
 * by startSimulator.
 */
export function parseSimulatorArgs(argv: readonly string[]): Partial<SimulatorOptions> {
  const byFlag = new Map(simulatorFlags.map((f) => [f.flag, f]));
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const f = byFlag.get(name);
    if (!f) throw new SimulatorOptionError(`unknown option "${name}" for simulate (see --help)`);
    if (f.type === 'boolean') {
      if (eq > 0) throw new SimulatorOptionError(`${f.flag} takes no value`);
      out[f.option] = true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new SimulatorOptionError(`${f.flag} needs a value`);
    out[f.option] = convert(f, value, out[f.option]);
  }
  return out as Partial<SimulatorOptions>;
}

function convert(f: SimulatorFlag, value: string, previous: unknown): unknown {
  const number = (text: string) => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new SimulatorOptionError(`${f.flag} must be a number, got "${text}"`);
    return n;
  };
  switch (f.type) {
    case 'number':
      return number(value);
    case 'list': {
      const list = value.split(',').map(number);
      return list.length === 1 ? list[0] : list;
    }
    case 'strings':
      return [...((previous as string[] | undefined) ?? []), value];
    case 'faults':
      try {
        return parseFaultSpec(value);
      } catch (e) {
        throw new SimulatorOptionError((e as Error).message);
      }
    default:
      return value;
  }
}
