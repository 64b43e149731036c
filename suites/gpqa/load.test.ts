import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../registry.ts';
import { loadGpqaFile } from './load.ts';
import { gpqaCsv, GPQA_HEADER, GPQA_ROWS, writeGpqaFiles } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'r1b-gpqa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = writeGpqaFiles(dir);

describe('gpqa:PATH', () => {
  it('reads the published CSV unchanged: Record ID as item id, texts trimmed for display, the other columns ignored', async () => {
    expect(GPQA_HEADER.length).toBeGreaterThan(70);
    const suite = await loadSuite(`gpqa:${files.csv}`);
    expect(suite).toMatchObject({ id: 'gpqa:gpqa_diamond', scorer: 'gpqa', samples: 8, version: 1, source: files.csv });
    expect(suite.items.map((i) => i.id)).toEqual(GPQA_ROWS.map((r) => r.id));
    const first = suite.items[0]!;
    expect(first.reference).toEqual({ kind: 'choice', answer: 'A', choices: ['2.0 m/s', '1.0 m/s', '3.0 m/s', '1.5 m/s'] });
    expect(suite.items[1]!.reference).toMatchObject({ choices: ['Transcription', 'Translation', 'Replication, then splicing', 'Reverse transcription'] });
    expect(first.meta).toMatchObject({ domain: 'Physics', subdomain: 'Physics (general)' });
    // The question keeps its inner newline, loses the outer whitespace; no system prompt.
    expect(first.prompt).toHaveLength(1);
    expect(first.prompt[0]!.role).toBe('user');
    expect(first.prompt[0]!.content).toContain('\n\nA 2.0 kg block slides on a frictionless table at 3.0 m/s and sticks to a resting 1.0 kg block.\nWhat is their common speed afterwards?\n\nA) ');
    expect(first.prompt[0]!.content).toMatch(/"Answer: \$LETTER", where LETTER is one of A, B, C, D\./);
    expect(first.prompt[0]!.content).not.toMatch(/draft|Worked out|CANARY/);
  });

  it('reads JSONL and Parquet with the same columns into the same items, prompts and sample variants', async () => {
    const [csv, jsonl, parquet] = await Promise.all([files.csv, files.jsonl, files.parquet].map((f) => loadGpqaFile(f)));
    for (const other of [jsonl!, parquet!]) {
      expect(other.items.map((i) => [i.id, i.reference, i.prompt])).toEqual(csv!.items.map((i) => [i.id, i.reference, i.prompt]));
      for (const s of [0, 1, 5]) expect(other.items.map((i) => i.forSample!(s))).toEqual(csv!.items.map((i) => i.forSample!(s)));
    }
    expect(jsonl!.id).toBe('gpqa:gpqa_diamond');
    expect(jsonl!.contentHash).not.toBe(csv!.contentHash);
  });

  it('builds each sample its own prompt: the options in that sample\'s order, lettered A-D, and stores the order', async () => {
    const item = (await loadGpqaFile(files.csv)).items[0]!;
    const { prompt, variant } = item.forSample!(3);
    expect([...variant.order!].sort()).toEqual([0, 1, 2, 3]);
    expect(variant.shown).toEqual(variant.order!.map((i) => (item.reference as { choices: string[] }).choices[i]));
    expect(prompt[0]!.content.endsWith(variant.shown!.map((o, p) => `${'ABCD'[p]}) ${o}`).join('\n'))).toBe(true);
    expect(item.forSample!(3)).toEqual({ prompt, variant });
    expect(item.prompt).toEqual(item.forSample!(0).prompt);
  });

  it('keeps the Record ID as written for identity (no trimming), and names file, row and column of a bad row', async () => {
    const padded = join(dir, 'padded.csv');
    writeFileSync(padded, gpqaCsv(GPQA_ROWS.slice(0, 2), (r, i) => (r['Record ID'] = i === 0 ? 'recSame ' : 'recSame')));
    expect((await loadGpqaFile(padded)).items.map((i) => i.id)).toEqual(['recSame ', 'recSame']);

    const bad = (name: string, edit: (r: Record<string, string>, i: number) => void) => {
      const f = join(dir, name);
      writeFileSync(f, gpqaCsv(GPQA_ROWS, edit));
      return loadGpqaFile(f);
    };
    // Rows are numbered by the file line they start on: the first record's quoted fields hold three newlines.
    await expect(bad('empty.csv', (r, i) => i === 1 && (r['Incorrect Answer 2'] = '  \n'))).rejects.toThrow(/empty\.csv: row 6: column "Incorrect Answer 2" is empty$/);
    await expect(bad('dup.csv', (r, i) => i === 2 && (r['Record ID'] = GPQA_ROWS[0]!.id))).rejects.toThrow(/dup\.csv: row \d+: column "Record ID": duplicate id "recT3stAlpha000001" \(also row 2\)$/);
    const noColumn = join(dir, 'nocol.jsonl');
    writeFileSync(noColumn, JSON.stringify({ Question: 'Why?', 'Record ID': 'r1', 'Incorrect Answer 1': 'a', 'Incorrect Answer 2': 'b', 'Incorrect Answer 3': 'c' }) + '\n');
    await expect(loadGpqaFile(noColumn)).rejects.toThrow(/nocol\.jsonl: row 1: no "Correct Answer" column \(expected the published GPQA columns\)$/);
  });
});
