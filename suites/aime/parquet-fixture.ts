// Test support only: writes a small uncompressed Parquet file, so the loader tests can read real
// Parquet without a writer package (none is installed; hyparquet only reads).
// One row group, one PLAIN data page per column, OPTIONAL columns like those of Hugging Face exports.

type Column = { name: string; type: 'string' | 'int64'; values: (string | number | null)[] };

// Thrift compact protocol: just the parts Parquet's footer and page headers need.
type TValue =
  | { i32: number }
  | { i64: number }
  | { bin: string }
  | { list: TValue[]; elem: 'i32' | 'bin' | 'struct' }
  | { struct: [number, TValue][] };

const TYPE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const;

function varint(n: number, out: number[]): void {
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  out.push(n);
}

const zigzag = (n: number): number => (n >= 0 ? 2 * n : -2 * n - 1);
const typeOf = (v: TValue): number =>
  'i32' in v ? TYPE.i32 : 'i64' in v ? TYPE.i64 : 'bin' in v ? TYPE.bin : 'list' in v ? TYPE.list : TYPE.struct;

function encode(v: TValue, out: number[]): void {
  if ('i32' in v) varint(zigzag(v.i32), out);
  else if ('i64' in v) varint(zigzag(v.i64), out);
  else if ('bin' in v) {
    const bytes = Buffer.from(v.bin, 'utf8');
    varint(bytes.length, out);
    out.push(...bytes);
  } else if ('list' in v) {
    const elem = TYPE[v.elem];
    if (v.list.length < 15) out.push((v.list.length << 4) | elem);
    else {
      out.push(0xf0 | elem);
      varint(v.list.length, out);
    }
    for (const x of v.list) encode(x, out);
  } else {
    let last = 0;
    for (const [id, x] of v.struct) {
      out.push(((id - last) << 4) | typeOf(x)); // field ids here always grow by 1..15
      last = id;
      encode(x, out);
    }
    out.push(0);
  }
}

const thrift = (v: TValue): Buffer => {
  const out: number[] = [];
  encode(v, out);
  return Buffer.from(out);
};

/** RLE runs of definition levels (bit width 1), prefixed by their byte length. */
function definitionLevels(values: unknown[]): Buffer {
  const out: number[] = [];
  for (let i = 0; i < values.length; ) {
    const level = values[i] === null ? 0 : 1;
    let run = 0;
    while (i < values.length && (values[i] === null ? 0 : 1) === level) [i, run] = [i + 1, run + 1];
    varint(run << 1, out);
    out.push(level);
  }
  const length = Buffer.alloc(4);
  length.writeUInt32LE(out.length);
  return Buffer.concat([length, Buffer.from(out)]);
}

function plainValues(column: Column): Buffer {
  const parts = column.values.filter((v) => v !== null).map((v) => {
    if (column.type === 'int64') {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(v as number));
      return b;
    }
    const bytes = Buffer.from(String(v), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return Buffer.concat([length, bytes]);
  });
  return Buffer.concat(parts);
}

/** The bytes of a Parquet file holding `columns` (all of the same length). */
export function writeParquet(columns: Column[]): Buffer {
  const rows = columns[0]?.values.length ?? 0;
  const chunks: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const chunkMeta: TValue[] = [];
  for (const column of columns) {
    const body = Buffer.concat([definitionLevels(column.values), plainValues(column)]);
    const header = thrift({
      struct: [
        [1, { i32: 0 }], // DATA_PAGE
        [2, { i32: body.length }],
        [3, { i32: body.length }],
        [5, { struct: [[1, { i32: rows }], [2, { i32: 0 }], [3, { i32: 3 }], [4, { i32: 3 }]] }], // PLAIN, RLE, RLE
      ],
    });
    const size = header.length + body.length;
    chunkMeta.push({
      struct: [
        [2, { i64: offset }],
        [3, {
          struct: [
            [1, { i32: column.type === 'int64' ? 2 : 6 }], // INT64 or BYTE_ARRAY
            [2, { list: [{ i32: 0 }, { i32: 3 }], elem: 'i32' }],
            [3, { list: [{ bin: column.name }], elem: 'bin' }],
            [4, { i32: 0 }], // UNCOMPRESSED
            [5, { i64: rows }],
            [6, { i64: size }],
            [7, { i64: size }],
            [9, { i64: offset }],
          ],
        }],
      ],
    });
    chunks.push(header, body);
    offset += size;
  }
  const schema: TValue[] = [{ struct: [[4, { bin: 'schema' }], [5, { i32: columns.length }]] }];
  for (const c of columns) {
    const fields: [number, TValue][] = [[1, { i32: c.type === 'int64' ? 2 : 6 }], [3, { i32: 1 }], [4, { bin: c.name }]];
    if (c.type === 'string') fields.push([6, { i32: 0 }]); // converted type UTF8
    schema.push({ struct: fields });
  }
  const footer = thrift({
    struct: [
      [1, { i32: 1 }],
      [2, { list: schema, elem: 'struct' }],
      [3, { i64: rows }],
      [4, { list: [{ struct: [[1, { list: chunkMeta, elem: 'struct' }], [2, { i64: offset - 4 }], [3, { i64: rows }]] }], elem: 'struct' }],
    ],
  });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(footer.length);
  return Buffer.concat([...chunks, footer, length, Buffer.from('PAR1')]);
}
