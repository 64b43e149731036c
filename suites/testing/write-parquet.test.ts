// The helper's files must read back through hyparquet exactly as the loaders will see them.
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { writeParquet } from './write-parquet.ts';

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('writeParquet', () => {
  it('round-trips strings, ints, nulls and string lists', async () => {
    const bytes = writeParquet([
      { name: 'question', type: 'string', values: ['Où?', null, 'Why "so"?\nBecause.'] },
      { name: 'level', type: 'int32', values: [1, 2, null] },
      { name: 'answer', type: 'int64', values: [0, 3n, null] },
      { name: 'choices', type: 'string-list', values: [['a', 'b', 'c', 'd'], [], null] },
    ]);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const rows = await parquetReadObjects({ file: toArrayBuffer(bytes) });
    expect(rows).toEqual([
      { question: 'Où?', level: 1, answer: 0n, choices: ['a', 'b', 'c', 'd'] },
      { question: null, level: 2, answer: 3n, choices: [] },
      { question: 'Why "so"?\nBecause.', level: null, answer: null, choices: null },
    ]);
    expect(typeof rows[1]!.answer).toBe('bigint');
  });

  it('declares the Hub layout: optional columns, list<string> as a 3-level LIST', () => {
    const bytes = writeParquet([
      { name: 'answer', type: 'int64', values: [1] },
      { name: 'choices', type: 'string-list', values: [['x']] },
    ]);
    const metadata = parquetMetadata(toArrayBuffer(bytes));
    expect(metadata.num_rows).toBe(1n);
    const [answer, choices] = parquetSchema(metadata).children;
    expect(answer!.element).toMatchObject({ name: 'answer', type: 'INT64', repetition_type: 'OPTIONAL' });
    expect(choices!.element).toMatchObject({ name: 'choices', converted_type: 'LIST', repetition_type: 'OPTIONAL' });
    expect(choices!.children[0]!.element).toMatchObject({ name: 'list', repetition_type: 'REPEATED' });
    expect(choices!.children[0]!.children[0]!.element).toMatchObject({ name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8' });
  });

  it('refuses columns of different lengths, naming the column', () => {
    expect(() => writeParquet([
      { name: 'a', type: 'string', values: ['x', 'y'] },
      { name: 'b', type: 'int64', values: [1] },
    ])).toThrow(/column b has 1 rows, not 2/);
  });
});
