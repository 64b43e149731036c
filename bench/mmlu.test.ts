import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMmluPath } from '../suites/mmlu/load.ts';
import { benchMmlu, writeMmluCsv } from './mmlu.ts';

describe('benchMmlu', () => {
  it('writes the original layout for all 57 subjects, loadable as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'r1bench-mmlu-gen-'));
    try {
      writeMmluCsv(dir, 600);
      expect(readdirSync(join(dir, 'data', 'test'))).toHaveLength(57);
      const suite = await loadMmluPath(dir);
      expect(suite.items).toHaveLength(600);
      expect(new Set(suite.items.map((i) => i.meta?.subject)).size).toBe(57);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports load time, re-score time and peak RSS (a small run; it checks the re-scored pass@1 itself)', async () => {
    const { rows } = await benchMmlu(600);
    expect(rows.map((r) => r.unit)).toEqual(['ms', 'ms', 'MB']);
    for (const r of rows) expect(r.value).toBeGreaterThan(0);
    expect(rows[0]!.name).toContain('600');
  });
});
