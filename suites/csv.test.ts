import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

// A deliberately naive parser, one character at a time: the oracle for the fast one.
function referenceParseCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') out.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    out.push({ line: recordLine, fields });
  }
  return out;
}

// Each input against the naive reference parser: the two must agree record for record, line numbers included.
const INPUTS = [
  'a,b,c\n1,2,3\n',
  'a,b,c\n1,2,3',
  '\ufeffq,A,B,C,D,A\n',
  '"quoted, with comma","say ""hi""",plain\n',
  '"multi\nline\nfield",x\nnext,row\n',
  'a,b\r\nc,d\r\n',
  'a,b\rc,d',
  'x,y\n\n\nz,w\n',
  'trailing,comma,\n',
  'trailing,comma,',
  ',,\n',
  '"",""\n',
  '"ab"cd,e\n',
  'mid"quote,x\n',
  '"unterminated, field\nstill going',
  '',
  '\n\n',
  '"a\r\nb",c\nd,e\n',
  'one\n"two\n\nlines",3\nfour,5',
];

describe('parseCsv', () => {
  it('parses quoted fields, doubled quotes, newlines inside quotes, with line numbers', () => {
    expect(parseCsv('q,"a, b","say ""hi"""\n"x\ny",2\n')).toEqual([
      { line: 1, fields: ['q', 'a, b', 'say "hi"'] },
      { line: 2, fields: ['x\ny', '2'] },
    ]);
  });

  for (const input of INPUTS) {
    it(`agrees with the reference parser on ${JSON.stringify(input)}`, () => {
      expect(parseCsv(input)).toEqual(referenceParseCsv(input));
    });
  }

  it('agrees on a long generated file with quotes and newlines everywhere', () => {
    const cell = (i: number) => (i % 3 === 0 ? `"cell ${i}, ""q""\nline"` : i % 3 === 1 ? `cell${i}` : '');
    const rows = Array.from({ length: 500 }, (_, r) => Array.from({ length: 6 }, (_, c) => cell(r * 6 + c)).join(',')).join('\n');
    const fast = parseCsv(rows);
    expect(fast).toEqual(referenceParseCsv(rows));
    expect(fast).toHaveLength(500);
    expect(fast[499]!.line).toBe(1 + 499 * 3); // two quoted cells with one newline each per row
  });
});
