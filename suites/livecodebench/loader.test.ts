// Loading LiveCodeBench files in the published layout: JSONL (one file or the release's folder), Parquet,
// filters, prompts, tests read back from the file only when asked, and lines longer than a read chunk.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../registry.ts';
import { writeParquet } from '../testing/write-parquet.ts';
import { loadTests, readLines } from './index.ts';
import { fixtureProblems, jsonl, publishedRows } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'r1bench-lcb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rows = publishedRows(fixtureProblems);
const file = join(dir, 'test.jsonl');
writeFileSync(file, jsonl(rows));

const refOf = (suite: Awaited<ReturnType<typeof loadSuite>>, id: string) => {
  const ref = suite.items.find((i) => i.id === id)!.reference;
  if (ref.kind !== 'livecodebench') throw new Error('not an LCB reference');
  return ref;
};

describe('livecodebench:PATH', () => {
  it('loads the published JSONL: ids, prompts in LiveCodeBench wording, no system message, 16 samples', async () => {
    const suite = await loadSuite(`livecodebench:${file}`);
    // A generic file name (test.jsonl) takes its folder into the suite id.
    expect(suite).toMatchObject({ id: `livecodebench:${basename(dir)}/test`, scorer: 'code', samples: 16 });
    expect(suite.items.map((i) => i.id)).toEqual(['abc900_a', '9101', '2077C']);
    const [stdin, functional] = suite.items;
    expect(stdin!.prompt).toHaveLength(1);
    expect(stdin!.prompt[0]!.role).toBe('user');
    expect(stdin!.prompt[0]!.content).toMatch(/^You are an expert Python programmer\./);
    expect(stdin!.prompt[0]!.content).toContain('### Format: Read the inputs from stdin solve the problem');
    expect(stdin!.prompt[0]!.content).toContain('```python\n# YOUR CODE HERE\n```');
    expect(functional!.prompt[0]!.content).toContain(`### Format: You will use the following starter code`);
    expect(functional!.prompt[0]!.content).toContain('```python\nclass Solution:\n    def minMaxPair');
    expect(functional!.reference).toMatchObject({ kind: 'livecodebench', funcName: 'minMaxPair', timeLimitMs: 6000, difficulty: 'medium', platform: 'leetcode' });
    expect(functional!.meta).toMatchObject({ contestDate: '2024-11-02', platform: 'leetcode' });
  });

  it('keeps no tests in memory and reads them back, public then private (pickled ones decoded)', async () => {
    const suite = await loadSuite(`livecodebench:${file}`);
    expect(JSON.stringify(suite.items)).not.toContain('testtype');
    const tests = await loadTests(refOf(suite, 'abc900_a').location);
    const p = fixtureProblems[0]!;
    expect(tests).toEqual([...p.public, ...p.private].map((t) => ({ ...t, testtype: 'stdin' })));
    expect((await loadTests(refOf(suite, '9101').location)).map((t) => t.input)).toEqual(['[1, 2, 3]', '[7]', '[5, -2, 9, 0]']);
  });

  it('selects by contest date (inclusive) and difficulty; says so when nothing is left', async () => {
    const r1Window = await loadSuite(`livecodebench:${file}`, { since: '2024-08-01', until: '2025-01-31' });
    expect(r1Window.items.map((i) => i.id)).toEqual(['abc900_a', '9101']);
    const edge = await loadSuite(`livecodebench:${file}`, { since: '2024-11-02', until: '2024-11-02' });
    expect(edge.items.map((i) => i.id)).toEqual(['9101']);
    const hard = await loadSuite(`livecodebench:${file}`, { difficulties: ['hard', 'easy'] });
    expect(hard.items.map((i) => i.id)).toEqual(['abc900_a', '2077C']);
    await expect(loadSuite(`livecodebench:${file}`, { since: '2026-01-01' })).rejects.toThrow(`${file}: none of its 3 problems has contest_date 2026-01-01 to any`);
    await expect(loadSuite(`livecodebench:${file}`, { since: '2024-13-01' })).rejects.toThrow('since expects a date YYYY-MM-DD, got "2024-13-01"');
    await expect(loadSuite(`livecodebench:${file}`, { difficulties: ['brutal'] })).rejects.toThrow('difficulty expects easy, medium, hard, got "brutal"');
  });

  it("reads a folder of the release's test*.jsonl files in order, and refuses an id used twice", async () => {
    const release = join(dir, 'release');
    mkdirSync(release);
    writeFileSync(join(release, 'test.jsonl'), jsonl(rows.slice(0, 2)));
    writeFileSync(join(release, 'test2.jsonl'), jsonl(rows.slice(2)));
    writeFileSync(join(release, 'notes.jsonl'), 'not a problem\n');
    const suite = await loadSuite(`livecodebench:${release}`);
    expect(suite.id).toBe('livecodebench:release');
    expect(suite.items.map((i) => i.id)).toEqual(['abc900_a', '9101', '2077C']);
    writeFileSync(join(release, 'test3.jsonl'), jsonl([rows[1]!]));
    await expect(loadSuite(`livecodebench:${release}`)).rejects.toThrow(`${join(release, 'test3.jsonl')}: row 1: field "question_id": "9101" already used in test.jsonl line 2`);
  });

  it('names the file, the line and the field of a bad row', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, jsonl([rows[0]!, { ...rows[1]!, difficulty: 'insane' }]));
    await expect(loadSuite(`livecodebench:${bad}`)).rejects.toThrow(`${bad}: row 2: field "difficulty": "insane" is not one of easy, medium, hard`);
    writeFileSync(bad, jsonl([{ ...rows[0]!, private_test_cases: 'gASVBQAAAAAAAABdlC4=' }]));
    const suite = await loadSuite(`livecodebench:${bad}`);
    await expect(loadTests(refOf(suite, 'abc900_a').location)).rejects.toThrow(/field "private_test_cases": base64 text that is not zlib data/);
  });

  it('reads Parquet with the same columns, tests by row', async () => {
    const pq = join(dir, 'test.parquet');
    const names = Object.keys(rows[0]!);
    writeFileSync(pq, writeParquet(names.map((name) => ({ name, type: 'string' as const, values: rows.map((r) => r[name]!) }))));
    const suite = await loadSuite(`livecodebench:${pq}`, { difficulties: ['hard'] });
    expect(suite.items.map((i) => i.id)).toEqual(['2077C']);
    expect((await loadTests(refOf(suite, '2077C').location)).map((t) => t.output)).toEqual(['2.50\n', '1.25\n', '7.0\n']);
  });

  it('streams a line far longer than a read chunk, and finds it again by byte offset', async () => {
    const big = join(dir, 'big.jsonl');
    const huge = { input: `1\n${'9'.repeat(3 << 20)}\n`, output: '0\n' };
    const [row] = publishedRows([{ ...fixtureProblems[0]!, private: [huge], pickled: false }]);
    writeFileSync(big, jsonl([rows[1]!, row!, rows[2]!]));
    const lines = [];
    let hash = '';
    for await (const l of readLines(big, (h) => (hash = h), 64 * 1024)) lines.push({ line: l.line, offset: l.offset, bytes: l.bytes });
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[2]!.offset + lines[2]!.bytes + 1).toBe(statSync(big).size);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const suite = await loadSuite(`livecodebench:${big}`);
    // The plan holds prompts and locations only: far less than the 3 MiB test it points at.
    expect(JSON.stringify(suite.items).length).toBeLessThan(20_000);
    const tests = await loadTests(refOf(suite, 'abc900_a').location);
    expect(tests.at(-1)!.input).toBe(huge.input);
  });
});
