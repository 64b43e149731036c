// A repeated id gets a generated suffix; the generated id must never take an id the data itself uses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMmluPath, uniqueIds } from './load.ts';

const root = mkdtempSync(join(tmpdir(), 'r1bench-mmlu-ids-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function jsonl(name: string, rows: { id: string; question: string }[]): string {
  const file = join(root, name);
  writeFileSync(file, rows.map((r) => JSON.stringify({ ...r, subject: 'anatomy', choices: ['w', 'x', 'y', 'z'], answer: 1 })).join('\n') + '\n');
  return file;
}

describe('MMLU repeated ids', () => {
  it('skips an explicit id that comes later in the file when numbering a repeat', async () => {
    const file = jsonl('later.jsonl', [
      { id: 'bone7', question: 'Longest bone?' },
      { id: 'bone7', question: 'Smallest bone?' },
      { id: 'bone7-2', question: 'Hardest tissue?' },
    ]);
    const items = (await loadMmluPath(file)).items;
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    // The explicit id keeps its own question; the repeat moves on to the next free number.
    expect(items.find((i) => i.id === 'bone7-2')!.prompt[0]!.content).toContain('Hardest tissue?');
    expect(items.find((i) => i.id === 'bone7-3')!.prompt[0]!.content).toContain('Smallest bone?');
  });

  it('skips an explicit id that came earlier, and numbers repeats of a suffixed id too', () => {
    expect(uniqueIds(['k-2', 'k', 'k', 'k', 'k-2'])).toEqual(['k-2', 'k', 'k-3', 'k-4', 'k-2-2']);
  });

  it('leaves data without repeats unchanged and numbers plain repeats from 2', () => {
    expect(uniqueIds(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(uniqueIds(['a', 'a', 'a'])).toEqual(['a', 'a-2', 'a-3']);
  });

  it('gives every id once for many repeats mixed with explicit suffixed ids', () => {
    const ids = ['z', 'z-3', 'z', 'z-2', 'z', 'z', 'z-5', 'z'];
    const out = uniqueIds(ids);
    expect(new Set(out).size).toBe(ids.length);
    // Ids present in the data keep their first row.
    expect(out[1]).toBe('z-3');
    expect(out[3]).toBe('z-2');
    expect(out[6]).toBe('z-5');
  });
});
