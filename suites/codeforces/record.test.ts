import { describe, expect, it } from 'vitest';
import { isInteractive, parseRecord } from './record.ts';

// Parquet rows come out of hyparquet with int64 columns as bigint; CSV rows hold lists as JSON text.
// These shapes are checked directly here; suites/testing/write-parquet.ts can write real Parquet files for a loader test.
describe('parseRecord', () => {
  const base = { description: 'Print 1.', time_limit: 1, memory_limit: 64, examples: [{ input: '', output: '1\n' }] };

  it('accepts Parquet-style bigint numbers and ids', () => {
    const r = parseRecord({ ...base, contest_id: 2063n, rating: 1500n, memory_limit: 256n, id: 77n }, 'p.parquet', 3);
    expect(r).toMatchObject({ contest_id: '2063', rating: 1500, memory_limit: 256, id: '77' });
  });

  it('accepts CSV-style text: numbers, booleans and JSON lists', () => {
    const r = parseRecord(
      { ...base, time_limit: '2.5', official_tests_complete: 'False', tags: '["greedy"]', examples: '[{"input":"1\\n","output":"2\\n"}]' },
      'p.csv',
      2,
    );
    expect(r).toMatchObject({ time_limit: 2.5, official_tests_complete: false, tags: ['greedy'], examples: [{ input: '1\n', output: '2\n' }] });
  });

  it('fills open-r1 defaults: stdio, complete, no checker, no rating', () => {
    const r = parseRecord(base, 'p.jsonl', 1);
    expect(r).toMatchObject({ input_mode: 'stdio', official_tests_complete: true, generated_checker: null, rating: null, tags: [], title: '' });
    expect(isInteractive(r)).toBe(false);
    expect(isInteractive({ ...r, interaction_format: 'Print "? i" to ask.' })).toBe(true);
  });

  it('names the file, row and field of a bad value', () => {
    expect(() => parseRecord({ ...base, official_tests_complete: 'maybe' }, 'x.jsonl', 9)).toThrow(
      'x.jsonl: row 9: field "official_tests_complete": expected true or false, got "maybe"',
    );
    expect(() => parseRecord({ ...base, examples: 'not json' }, 'x.csv', 4)).toThrow('x.csv: row 4: field "examples": expected a list (or its JSON text)');
    expect(() => parseRecord({ ...base, title: 5 }, 'x.jsonl', 1)).toThrow('x.jsonl: row 1: field "title": expected text, got number');
  });
});
