// Argument parsing for every subcommand: strict (unknown flags are errors), --help on each.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: one line, exit code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  /** Full help text, printed by `r1bench NAME --help`. */
  help: string;
  options: Options;
  allowPositionals?: boolean;
  /** The command parses its own arguments: run() gets them whole as positionals. */
  raw?: boolean;
  run(values: Record<string, any>, positionals: string[]): Promise<number>;
}

export function parse(cmd: Command, argv: string[]): { values: Record<string, any>; positionals: string[] } | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  if (cmd.raw) return { values: {}, positionals: argv };
  try {
    const { values, positionals } = parseArgs({ args: argv, options: cmd.options, strict: true, allowPositionals: cmd.allowPositionals ?? false });
    return { values, positionals };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(`${msg} (see r1bench ${cmd.name} --help)`);
  }
}

export function int(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects an integer ≥ ${min}, got "${value}"`);
  return n;
}

export function num(value: string | undefined, flag: string, min = -Infinity, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} expects a number in [${min}, ${max}], got "${value}"`);
  return n;
}

/** A duration flag in seconds (0 to max), as ms. */
export function secondsAsMs(value: string | undefined, flag: string, max: number): number | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} expects seconds, got ""`);
  const s = num(value, flag, 0, max);
  return s === undefined ? undefined : s * 1000;
}

/** "1,4,16" → [1, 4, 16]. */
export function numberList(value: string | undefined, flag: string): number[] | undefined {
  if (value === undefined) return undefined;
  const out = value.split(',').map((s) => Number(s.trim()));
  if (out.length === 0 || out.some((n) => !Number.isFinite(n) || n <= 0)) throw new UsageError(`${flag} expects positive numbers separated by commas, got "${value}"`);
  return out;
}
