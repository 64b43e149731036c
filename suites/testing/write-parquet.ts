// Test support only: the bytes of a small Parquet file, written by hyparquet-writer, so loader tests read
// real Parquet through hyparquet. Every column is OPTIONAL, as in Hugging Face's exports, so null works anywhere.
import { parquetWriteBuffer } from 'hyparquet-writer';

// Taken from the writer, not from 'hyparquet': it bundles its own hyparquet, whose types differ by version.
type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

export type ParquetColumn =
  | { name: string; type: 'string'; values: (string | null)[] }
  /** INT32: read back as numbers. */
  | { name: string; type: 'int32'; values: (number | null)[] }
  /** INT64: read back by hyparquet as BigInt, like the Hub's integer columns. */
  | { name: string; type: 'int64'; values: (number | bigint | null)[] }
  /** list<string> in the standard 3-level LIST layout (Hub exports of MMLU's `choices`). */
  | { name: string; type: 'string-list'; values: (string[] | null)[] };

const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8' } as const;

/** The schema elements of one column, depth first: a list column brings its repeated group and element. */
function schemaOf(column: ParquetColumn): SchemaElement[] {
  const { name } = column;
  switch (column.type) {
    case 'string':
      return [{ name, ...utf8, repetition_type: 'OPTIONAL' }];
    case 'int32':
      return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
    case 'int64':
      return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
    case 'string-list':
      return [
        { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', ...utf8, repetition_type: 'OPTIONAL' },
      ];
  }
}

/** The values as hyparquet-writer wants them: its INT64 encoder takes only bigint. */
function dataOf(column: ParquetColumn): unknown[] {
  if (column.type !== 'int64') return column.values;
  return column.values.map((v) => (v === null ? null : BigInt(v)));
}

/** The bytes of a Parquet file holding `columns`, which must all have the same number of rows. */
export function writeParquet(columns: ParquetColumn[]): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  const uneven = columns.find((c) => c.values.length !== rows);
  if (uneven) throw new Error(`writeParquet: column ${uneven.name} has ${uneven.values.length} rows, not ${rows}`);
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.flatMap(schemaOf)];
  const columnData = columns.map((c) => ({ name: c.name, data: dataOf(c) }));
  return Buffer.from(parquetWriteBuffer({ columnData, schema }));
}
