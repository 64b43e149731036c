// Flag values with a small grammar of their own.
import { UsageError } from './args.ts';

/** "2/4" → shard 2 of 4 (1-based). */
export function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard expects I/N with 1 ≤ I ≤ N, e.g. 1/4; got "${value}"`);
  return { index, count };
}

/** "problem=text,answer=gold" → { problem: 'text', answer: 'gold' }. */
export function parseColumns(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new UsageError(`--columns expects NAME=COLUMN pairs separated by commas, got "${part}"`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
