// A minimal Parquet writer for tests: text, int64 and list-of-text columns, one row group, uncompressed
// PLAIN pages. No Parquet writer is among the project's packages; this lets the loader's tests read
// real Parquet bytes (as the Hub publishes MMLU) through hyparquet, list and int64 columns included.

type Column =
  | { name: string; kind: 'string'; values: string[] }
  | { name: string; kind: 'int64'; values: bigint[] }
  | { name: string; kind: 'string-list'; values: string[][] };

/** Thrift compact protocol, just the parts the Parquet footer and page headers use. */
class Compact {
  bytes: number[] = [];
  private last: number[] = [0];
  varint(n: bigint | number): this {
    let v = BigInt(n);
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }
  private zigzag(n: bigint | number): this {
    const v = BigInt(n);
    return this.varint(v >= 0n ? v << 1n : ((-v) << 1n) - 1n);
  }
  private field(id: number, type: number): this {
    this.bytes.push(((id - this.last[this.last.length - 1]!) << 4) | type);
    this.last[this.last.length - 1] = id;
    return this;
  }
  i32(id: number, v: number): this {
    return this.field(id, 5).zigzag(v);
  }
  i64(id: number, v: number | bigint): this {
    return this.field(id, 6).zigzag(v);
  }
  str(id: number, s: string): this {
    const b = Buffer.from(s, 'utf8');
    this.field(id, 8).varint(b.length);
    this.bytes.push(...b);
    return this;
  }
  struct(id: number, body: (c: this) => void): this {
    this.field(id, 12);
    return this.inStruct(body);
  }
  /** A list of structs (12), i32s (5) or strings (8). */
  list<T>(id: number, elemType: 5 | 8 | 12, items: T[], each: (c: this, item: T) => void): this {
    this.field(id, 9);
    if (items.length < 15) this.bytes.push((items.length << 4) | elemType);
    else {
      this.bytes.push(0xf0 | elemType);
      this.varint(items.length);
    }
    for (const item of items) {
      if (elemType === 12) this.inStruct((c) => each(c, item));
      else each(this, item);
    }
    return this;
  }
  inStruct(body: (c: this) => void): this {
    this.last.push(0);
    body(this);
    this.last.pop();
    this.bytes.push(0);
    return this;
  }
}

/** Levels as RLE runs (the RLE/bit-packed hybrid), prefixed by their byte length as data page v1 wants. */
function levels(values: number[], bitWidth: number): Buffer {
  const out = new Compact();
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    out.varint((j - i) << 1);
    for (let b = 0; b < Math.ceil(bitWidth / 8); b++) out.bytes.push((values[i]! >> (8 * b)) & 0xff);
    i = j;
  }
  const len = Buffer.alloc(4);
  len.writeUInt32LE(out.bytes.length);
  return Buffer.concat([len, Buffer.from(out.bytes)]);
}

function plainStrings(values: string[]): Buffer {
  return Buffer.concat(
    values.map((s) => {
      const b = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32LE(b.length);
      return Buffer.concat([len, b]);
    }),
  );
}

function pageData(col: Column): { data: Buffer; numValues: number } {
  if (col.kind === 'string') return { data: plainStrings(col.values), numValues: col.values.length };
  if (col.kind === 'int64') {
    const b = Buffer.alloc(8 * col.values.length);
    col.values.forEach((v, i) => b.writeBigInt64LE(v, 8 * i));
    return { data: b, numValues: col.values.length };
  }
  // required group (LIST) { repeated group list { required binary element } }: max rep 1, max def 1.
  const rep = col.values.flatMap((list) => list.map((_, i) => (i === 0 ? 0 : 1)));
  const def = rep.map(() => 1);
  return { data: Buffer.concat([levels(rep, 1), levels(def, 1), plainStrings(col.values.flat())]), numValues: rep.length };
}

export function writeParquet(columns: Column[]): Buffer {
  const rows = columns[0]!.values.length;
  const chunks: Buffer[] = [Buffer.from('PAR1')];
  let offset = 4;
  const meta: { col: Column; offset: number; size: number; numValues: number }[] = [];
  for (const col of columns) {
    const { data, numValues } = pageData(col);
    const header = new Compact()
      .i32(1, 0)
      .i32(2, data.length)
      .i32(3, data.length)
      .struct(5, (c) => c.i32(1, numValues).i32(2, 0).i32(3, 3).i32(4, 3));
    header.bytes.push(0);
    const chunk = Buffer.concat([Buffer.from(header.bytes), data]);
    meta.push({ col, offset, size: chunk.length, numValues });
    chunks.push(chunk);
    offset += chunk.length;
  }
  const type = (c: Column) => (c.kind === 'int64' ? 2 : 6);
  const path = (c: Column) => (c.kind === 'string-list' ? [c.name, 'list', 'element'] : [c.name]);
  // Schema elements in depth-first order: a list column is followed by its repeated group and element.
  type SchemaElement = Column | 'root' | 'list' | 'element';
  const schema: SchemaElement[] = ['root', ...columns.flatMap((c): SchemaElement[] => (c.kind === 'string-list' ? [c, 'list', 'element'] : [c]))];
  const f = new Compact().i32(1, 1).list(2, 12, schema, (c, el) => {
    // SchemaElement fields: 1 type, 3 repetition (0 required, 2 repeated), 4 name, 5 children, 6 converted type (0 UTF8, 3 LIST).
    if (el === 'root') c.str(4, 'schema').i32(5, columns.length);
    else if (el === 'list') c.i32(3, 2).str(4, 'list').i32(5, 1);
    else if (el === 'element') c.i32(1, 6).i32(3, 0).str(4, 'element').i32(6, 0);
    else if (el.kind === 'string-list') c.i32(3, 0).str(4, el.name).i32(5, 1).i32(6, 3);
    else {
      c.i32(1, type(el)).i32(3, 0).str(4, el.name);
      if (el.kind === 'string') c.i32(6, 0);
    }
  });
  f.i64(3, rows).list(4, 12, [0], (c) => {
    c.list(1, 12, meta, (cc, m) => {
      cc.i64(2, m.offset).struct(3, (md) => {
        md.i32(1, type(m.col))
          .list(2, 5, [0, 3], (x, e) => void x.varint(e << 1))
          .list(3, 8, path(m.col), (x, p) => {
            const b = Buffer.from(p, 'utf8');
            x.varint(b.length).bytes.push(...b);
          })
          .i32(4, 0)
          .i64(5, m.numValues)
          .i64(6, m.size)
          .i64(7, m.size)
          .i64(9, m.offset);
      });
    });
    c.i64(2, offset - 4).i64(3, rows);
  });
  f.bytes.push(0);
  const footerBytes = Buffer.from(f.bytes);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(footerBytes.length);
  return Buffer.concat([...chunks, footerBytes, len, Buffer.from('PAR1')]);
}
