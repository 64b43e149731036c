// One problem in the open-r1/codeforces field layout: validated from a table row, field by field.
import type { TestCase } from '../../types.ts';
import { DatasetError } from '../table.ts';

export interface CodeforcesRecord {
  id?: string;
  contest_id?: string;
  index?: string;
  title: string;
  description: string;
  input_format: string;
  output_format: string;
  interaction_format: string;
  note: string;
  examples: TestCase[];
  /** Seconds. */
  time_limit: number;
  /** Megabytes. */
  memory_limit: number;
  rating: number | null;
  tags: string[];
  official_tests: TestCase[];
  official_tests_complete: boolean;
  input_mode: 'stdio' | 'file';
  /** Python checker program, open-r1 convention. */
  generated_checker: string | null;
}

type Row = Record<string, unknown>;

class FieldReader {
  constructor(
    private readonly data: Row,
    private readonly file: string,
    private readonly row: number,
  ) {}

  fail(field: string, what: string): never {
    throw new DatasetError(this.file, this.row, `field "${field}": ${what}`);
  }

  private present(field: string): unknown {
    const v = this.data[field];
    return v === null || v === undefined ? undefined : v;
  }

  text(field: string, required: boolean): string {
    const v = this.present(field);
    if (v === undefined) return required ? this.fail(field, 'is missing') : '';
    if (typeof v !== 'string') return this.fail(field, `expected text, got ${typeof v}`);
    if (required && !v.trim()) this.fail(field, 'is empty');
    return v;
  }

  /** An id-like field: text or a number (Parquet int64 arrives as bigint). */
  label(field: string): string | undefined {
    const v = this.present(field);
    if (v === undefined || v === '') return undefined;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return String(v);
    return this.fail(field, `expected text or a number, got ${typeof v}`);
  }

  /** A number, also from CSV text or a Parquet bigint. */
  number(field: string, opts: { required: boolean; positive: boolean }): number | null {
    const v = this.present(field);
    if (v === undefined || v === '') return opts.required ? this.fail(field, 'is missing') : null;
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v.trim()) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return this.fail(field, `expected a number, got ${JSON.stringify(String(v))}`);
    if (opts.positive && n <= 0) return this.fail(field, `must be positive, got ${n}`);
    return n;
  }

  bool(field: string, fallback: boolean): boolean {
    const v = this.present(field);
    if (v === undefined || v === '') return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'True' || v === 1 || v === '1') return true;
    if (v === 'false' || v === 'False' || v === 0 || v === '0') return false;
    return this.fail(field, `expected true or false, got ${JSON.stringify(v)}`);
  }

  /** A list field; CSV cells hold it as JSON text. */
  private list(field: string): unknown[] {
    let v = this.present(field);
    if (v === undefined || v === '') return [];
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        return this.fail(field, 'expected a list (or its JSON text)');
      }
    }
    if (!Array.isArray(v)) return this.fail(field, 'expected a list');
    return v;
  }

  tests(field: string): TestCase[] {
    return this.list(field).map((t, i) => {
      const o = t as Record<string, unknown> | null;
      if (!o || typeof o !== 'object' || typeof o.input !== 'string' || typeof o.output !== 'string')
        return this.fail(field, `entry ${i + 1} needs text "input" and "output"`);
      return { input: o.input, output: o.output };
    });
  }

  strings(field: string): string[] {
    return this.list(field).map((t, i) => (typeof t === 'string' ? t : this.fail(field, `entry ${i + 1} is not text`)));
  }
}

/** Validates one row; every problem found names the file, the row and the field. */
export function parseRecord(data: Row, file: string, row: number): CodeforcesRecord {
  const f: FieldReader = new FieldReader(data, file, row);
  const inputMode = f.text('input_mode', false).trim() || 'stdio';
  if (inputMode !== 'stdio' && inputMode !== 'file') f.fail('input_mode', `expected "stdio" or "file", got "${inputMode}"`);
  const checker = f.text('generated_checker', false);
  return {
    id: f.label('id'),
    contest_id: f.label('contest_id'),
    index: f.label('index'),
    title: f.text('title', false),
    description: f.text('description', true),
    input_format: f.text('input_format', false),
    output_format: f.text('output_format', false),
    interaction_format: f.text('interaction_format', false),
    note: f.text('note', false),
    examples: f.tests('examples'),
    time_limit: f.number('time_limit', { required: true, positive: true })!,
    memory_limit: f.number('memory_limit', { required: true, positive: true })!,
    rating: f.number('rating', { required: false, positive: false }),
    tags: f.strings('tags'),
    official_tests: f.tests('official_tests'),
    official_tests_complete: f.bool('official_tests_complete', true),
    input_mode: inputMode,
    generated_checker: checker.trim() ? checker : null,
  };
}

export function isInteractive(r: CodeforcesRecord): boolean {
  return r.interaction_format.trim() !== '';
}
