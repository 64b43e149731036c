// Completions/s through the whole pipeline (client, scheduler, SQLite store) against the simulator with
// no delay, and the harness's peak memory over 5,000 samples with long reasoning.
import { startChild } from './child.ts';
import type { BenchRow } from './row.ts';

async function simulator(args: string[]) {
  const { child, firstLine } = await startChild(new URL('../cli/main.ts', import.meta.url).pathname, ['simulate', '--port', '0', ...args]);
  const url = /(http:\/\/\S+)/.exec(firstLine)?.[1];
  if (!url) throw new Error(`simulator said: ${firstLine}`);
  return { child, url };
}

async function harness(url: string, items: number, samples: number, concurrency: number) {
  const { child, firstLine } = await startChild(new URL('./pipeline-child.ts', import.meta.url).pathname, [url, String(items), String(samples), String(concurrency)]);
  child.kill();
  return JSON.parse(firstLine) as { completed: number; stored: number; seconds: number; peakRssMb: number };
}

export async function benchPipeline(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  const fast = await simulator(['--reasoning-tokens', '40', '--tokens-per-chunk', '4', '--no-answer-rate', '0']);
  try {
    const r = await harness(fast.url, 1000, 5, 64);
    if (r.stored !== 5000) throw new Error(`stored ${r.stored} of 5000`);
    rows.push({ name: 'completions/s, simulator with no delay, store included (5,000 samples)', value: r.completed / r.seconds, unit: 'completions/s', target: '≥ 1,500' });
  } finally {
    fast.child.kill();
  }
  const long = await simulator(['--reasoning-tokens', '4000', '--tokens-per-chunk', '16']);
  try {
    const r = await harness(long.url, 1000, 5, 64);
    if (r.stored !== 5000) throw new Error(`stored ${r.stored} of 5000`);
    rows.push({ name: 'harness peak RSS, 5,000 samples × ~4,000 reasoning tokens', value: r.peakRssMb, unit: 'MB', target: '< 300' });
    rows.push({ name: 'completions/s with long reasoning', value: r.completed / r.seconds, unit: 'completions/s', target: 'information' });
  } finally {
    long.child.kill();
  }
  return { rows };
}
