import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeReference, LoadedSuite } from '../../types.ts';
import { loadSuite } from '../registry.ts';
import { DatasetError, sha256 } from '../table.ts';
import { bundledRecord, loadCodeforcesFile, loadCodeforcesSample } from './index.ts';
import { problems } from './problems/index.ts';

const code = (s: LoadedSuite, i: number) => s.items[i]!.reference as CodeReference;

describe('codeforces-sample', () => {
  let suite: LoadedSuite;
  beforeAll(async () => {
    suite = await loadCodeforcesSample();
  });

  it('has the suite identity the runners rely on', () => {
    expect(suite).toMatchObject({ id: 'codeforces-sample', version: 1, scorer: 'code', samples: 4, source: 'bundled' });
    expect(suite.contentHash).toBe(sha256(JSON.stringify(suite.items)));
    expect(suite.skipped).toBeUndefined();
  });

  it('is deterministic: the same tests and hash on every load', async () => {
    const again = await loadCodeforcesSample();
    expect(again.contentHash).toBe(suite.contentHash);
    // Built from scratch (no per-process cache), the records are identical too.
    expect(JSON.stringify(problems.map(bundledRecord))).toBe(JSON.stringify(problems.map(bundledRecord)));
  });

  it('holds at least 15 problems rated 800 to 2200, easiest first, with unique ids', () => {
    expect(suite.items.length).toBeGreaterThanOrEqual(15);
    const ratings = suite.items.map((it) => code(suite, suite.items.indexOf(it)).rating!);
    expect(Math.min(...ratings)).toBe(800);
    expect(Math.max(...ratings)).toBe(2200);
    expect([...ratings].sort((a, b) => a - b)).toEqual(ratings);
    expect(new Set(suite.items.map((it) => it.id)).size).toBe(suite.items.length);
  });

  it('gives every problem complete stdio tests that start with its examples, and sane limits', () => {
    for (const [i, item] of suite.items.entries()) {
      const ref = code(suite, i);
      expect(ref).toMatchObject({ kind: 'code', inputMode: 'stdio', testsComplete: true, memoryLimitMb: 256 });
      expect(ref.tests.length, item.id).toBeGreaterThanOrEqual(5);
      expect(ref.timeLimitMs).toBeGreaterThanOrEqual(1000);
      // Every example appears in the prompt, and is the first of the judged tests.
      const first = ref.tests[0]!;
      expect(item.prompt[0]!.content).toContain(first.input.trim());
      expect(item.prompt[0]!.content).toContain(first.output.trim());
    }
  });

  it('has at least two problems with a checker, and the others compare tokens', () => {
    const withChecker = suite.items.filter((_, i) => code(suite, i).checker);
    expect(withChecker.length).toBeGreaterThanOrEqual(2);
    for (const it of withChecker) expect(code(suite, suite.items.indexOf(it)).checker).toMatch(/sys\.argv\[3\]/);
  });

  it('carries reference and flawed solutions in meta for the simulator', () => {
    for (const item of suite.items) {
      const meta = item.meta as { rating: number; tags: string[]; solutions: { reference: { cpp: string; python: string }; flawed: { flaw: string; language: string; code: string }[] } };
      expect(meta.rating).toBe((item.reference as CodeReference).rating);
      expect(meta.tags.length).toBeGreaterThan(0);
      expect(meta.solutions.reference.cpp).toMatch(/int main\(/);
      expect(meta.solutions.reference.python).toMatch(/print|write/);
      expect(meta.solutions.flawed.length).toBeGreaterThanOrEqual(1);
      for (const f of meta.solutions.flawed) {
        expect(['cpp', 'python']).toContain(f.language);
        expect(f.flaw.length).toBeGreaterThan(5);
      }
    }
  });

  it('keeps all test data small (a few MB)', () => {
    const bytes = suite.items.reduce((s, _, i) => s + code(suite, i).tests.reduce((t, c) => t + c.input.length + c.output.length, 0), 0);
    expect(bytes).toBeLessThan(5_000_000);
  });

  it('loads through the registry by id', async () => {
    expect((await loadSuite('codeforces-sample')).contentHash).toBe(suite.contentHash);
  });
});

/** A row in the open-r1/codeforces layout. */
function row(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '9999/A',
    contest_id: '9999',
    index: 'A',
    title: 'Sum of Two',
    description: 'Print a + b.',
    input_format: 'Two integers a and b.',
    output_format: 'One integer.',
    interaction_format: null,
    note: null,
    examples: [{ input: '1 2\n', output: '3\n' }],
    time_limit: 1.5,
    memory_limit: 256,
    rating: 800,
    tags: ['math'],
    official_tests: [
      { input: '1 2\n', output: '3\n' },
      { input: '-5 5\n', output: '0\n' },
    ],
    official_tests_complete: true,
    input_mode: 'stdio',
    generated_checker: null,
    ...over,
  };
}

describe('loadCodeforcesFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'r1bench-cf-'));
  const write = (name: string, rows: object[]) => {
    const file = join(dir, name);
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return file;
  };

  it('reads open-r1 rows: limits, rating, tags, checker, file input mode, incomplete tests, interactive skipped', async () => {
    const file = write('contest.jsonl', [
      row(),
      row({ id: '9999/B', interaction_format: 'Ask at most 20 queries "? x"; answer "! x".' }),
      row({ id: '9999/C', official_tests_complete: false, rating: null }),
      row({ id: '9999/D', input_mode: 'file', generated_checker: 'import sys\nprint(1)\n' }),
      row({ id: '9999/E', official_tests: [] }),
    ]);
    const suite = await loadCodeforcesFile(file);
    expect(suite).toMatchObject({ id: 'codeforces:contest', scorer: 'code', samples: 4, version: 1, source: file });
    expect(suite.contentHash).toBe(sha256(readFileSync(file)));
    expect(suite.skipped).toEqual({ count: 1, reason: expect.stringMatching(/interactive/) });
    expect(suite.items.map((it) => it.id)).toEqual(['9999/A', '9999/C', '9999/D', '9999/E']);
    const [a, c, d, e] = suite.items.map((it) => it.reference as CodeReference);
    expect(a).toEqual({
      kind: 'code',
      tests: row().official_tests,
      timeLimitMs: 1500,
      memoryLimitMb: 256,
      inputMode: 'stdio',
      testsComplete: true,
      rating: 800,
    });
    expect(suite.items[0]!.meta).toMatchObject({ rating: 800, tags: ['math'], contestId: '9999', index: 'A' });
    expect(c!.testsComplete).toBe(false);
    expect(c!.rating).toBeUndefined();
    expect(d!.inputMode).toBe('file');
    expect(d!.checker).toBe('import sys\nprint(1)\n');
    expect(suite.items[2]!.prompt[0]!.content).toContain('input.txt');
    // No official tests: judged on the examples, flagged as incomplete.
    expect(e!.tests).toEqual(row().examples);
    expect(e!.testsComplete).toBe(false);
  });

  it('takes the suite id from the options, and loads through the registry as codeforces:PATH', async () => {
    const file = write('named.jsonl', [row()]);
    expect((await loadCodeforcesFile(file, { suiteId: 'cf-div2' })).id).toBe('cf-div2');
    const viaRegistry = await loadSuite(`codeforces:${file}`);
    expect(viaRegistry.id).toBe('codeforces:named');
    expect(viaRegistry.items).toHaveLength(1);
  });

  it('asks for Python when the prompt language is python', async () => {
    const file = write('py.jsonl', [row()]);
    const suite = await loadCodeforcesFile(file, { language: 'python' });
    expect(suite.items[0]!.prompt[0]!.content).toContain('```python');
  });

  it('reads the bundled problems back from their own open-r1 rows unchanged', async () => {
    const file = write('bundled.jsonl', problems.slice(0, 4).map(bundledRecord));
    const fromFile = await loadCodeforcesFile(file);
    const sample = await loadCodeforcesSample();
    for (const [i, item] of fromFile.items.entries()) {
      expect(item.id).toBe(sample.items[i]!.id);
      expect(item.reference).toEqual(sample.items[i]!.reference);
      expect(item.prompt).toEqual(sample.items[i]!.prompt);
    }
  });

  const malformed: [string, Record<string, unknown>, RegExp][] = [
    ['a missing description', { description: undefined }, /row 2: field "description": is missing/],
    ['a time limit that is not a number', { time_limit: 'two' }, /row 2: field "time_limit": expected a number/],
    ['a negative memory limit', { memory_limit: -1 }, /row 2: field "memory_limit": must be positive/],
    ['tests without outputs', { official_tests: [{ input: '1 2\n' }] }, /row 2: field "official_tests": entry 1 needs text "input" and "output"/],
    ['an unknown input mode', { input_mode: 'pipe' }, /row 2: field "input_mode": expected "stdio" or "file"/],
    ['no tests at all', { official_tests: [], examples: [] }, /row 2: fields "official_tests" and "examples": no tests/],
    ['tags that are not text', { tags: [1] }, /row 2: field "tags": entry 1 is not text/],
    ['a duplicate id', { id: '9999/A' }, /row 2: field "id": "9999\/A" already used in row 1/],
  ];
  it.each(malformed)('rejects %s with a DatasetError naming file, row and field', async (_, over, message) => {
    const file = write('bad.jsonl', [row(), row({ id: '9999/Z', ...over })]);
    const err = await loadCodeforcesFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message.startsWith(file)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });
});
