// Flag values with a small grammar of their own.
import { UsageError } from './args.ts';

/**
 * "2/4" → shard 2 of 4 (1-based). "auto/4" takes the index from JOB_COMPLETION_INDEX (a Kubernetes
 * Indexed Job's, 0-based): index k is shard k+1 of 4.
 */
export function parseShard(value: string | undefined, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const auto = /^auto\/(\d+)$/.exec(value.trim());
  if (auto) {
    const count = Number(auto[1]);
    if (count < 1) throw new UsageError(`--shard auto/N needs N ≥ 1, got "${value}"`);
    const raw = env.JOB_COMPLETION_INDEX;
    if (raw === undefined || raw.trim() === '')
      throw new UsageError(`--shard ${value}: JOB_COMPLETION_INDEX is not set (a Kubernetes Indexed Job sets it, 0-based); set it or give --shard I/N`);
    const k = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!(k >= 0 && k < count)) throw new UsageError(`--shard ${value}: JOB_COMPLETION_INDEX must be a whole number from 0 to ${count - 1}, got "${raw}"`);
    return { index: k + 1, count };
  }
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
