import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hardwareLabel, writeLeaderboard } from './leaderboard.ts';
import { leaderboardRuns } from './testing/fixture-sets.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-lb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeLeaderboard', () => {
  it('ranks runs, writes a page per run and the table as CSV and JSON', async () => {
    const out = join(root, 'site');
    const rows = await writeLeaderboard(leaderboardRuns(root), out);
    expect(rows.map((r) => r.runId)).toEqual(['r-32b-h200', 'r-7b-a100', 'r-7b-cpu']);
    expect(rows.map((r) => r.hardware)).toEqual(['2× H200', 'a100x1 (vllm, bf16)', 'EPYC (llama.cpp, Q4_K_M)']);
    expect(rows[2]!.suites.mmlu).toBeNull();
    for (const r of rows) expect(existsSync(join(out, r.report))).toBe(true);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain(`href="${rows[0]!.report}"`);
    expect(index).toContain('data-suite="mmlu"');
    const csv = readFileSync(join(out, 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('rank,model,hardware,run_id,mean_score,aime24,aime24_ci_low,aime24_ci_high,mmlu,mmlu_ci_low,mmlu_ci_high,ttft_p95_ms,tpot_p50_ms,output_tokens_per_s,peak_memory_mb,report');
    expect(csv).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')).rows[0].suites.aime24.value).toBe(rows[0]!.suites.aime24!.value);
  });

  it('labels hardware from whatever the profile holds', () => {
    expect(hardwareLabel(undefined)).toBe('unknown hardware');
    expect(hardwareLabel({ id: 'h', declared: { engine: 'sglang' } })).toBe('h (sglang)');
  });
});
