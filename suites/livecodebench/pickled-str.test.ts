// The pickled-str reader against bytes made by python3's own pickle, and its refusals of anything else.
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PickleError, privateTestsText, readPickledStr } from './pickled-str.ts';
import { pythonPickled } from './testing.ts';

/** python3's pickle.dumps(text, protocol) as bytes, for every text and protocol 2..5: one python3 call. */
function pyDumpsAll(texts: string[]): Buffer[][] {
  const script = 'import sys,json,pickle,base64\nd=json.load(sys.stdin)\nprint(json.dumps([[base64.b64encode(pickle.dumps(t, protocol=p)).decode() for t in d] for p in (2,3,4,5)]))';
  const out: string[][] = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 28 }).toString());
  return out.map((row) => row.map((b) => Buffer.from(b, 'base64')));
}

function pyExpr(expr: string): Buffer {
  const script = `import sys,pickle,base64,os\nsys.stdout.write(base64.b64encode(${expr}).decode())`;
  return Buffer.from(execFileSync('python3', ['-c', script]).toString(), 'base64');
}

describe('readPickledStr', () => {
  const texts = ['', 'é', 'x'.repeat(300), '[{"input": "1\\n2", "output": "3", "testtype": "stdin"}]', 'ü€😀'.repeat(30_000)];
  const dumped = pyDumpsAll([...texts, 'abc']);
  for (const [i, protocol] of [2, 3, 4, 5].entries())
    it(`reads python's pickle.dumps of short, long and framed strings (protocol ${protocol})`, () => {
      texts.forEach((t, j) => expect(readPickledStr(dumped[i]![j]!)).toBe(t));
    });

  it('refuses a pickle that would call a function (os.system via __reduce__), naming the opcode', () => {
    const evil = pyExpr('pickle.dumps(type("E", (), {"__reduce__": lambda self: (os.system, ("true",))})())');
    expect(() => readPickledStr(evil)).toThrow(PickleError);
    // It starts with the names of the module and the function (two strings), then STACK_GLOBAL and REDUCE.
    expect(() => readPickledStr(evil)).toThrow(/^(pickle holds more than one string|opcode 0x[0-9a-f]{2} at byte \d+ is not part of a pickled str \(refused\))$/);
    expect(() => readPickledStr(pyExpr('pickle.dumps(os.system)'))).toThrow(/opcode 0x[0-9a-f]{2} at byte \d+ is not part of a pickled str|more than one string/);
  });

  it('refuses other values, two strings, trailing bytes, truncation and protocol 0', () => {
    expect(() => readPickledStr(pyExpr('pickle.dumps([1, 2])'))).toThrow(/not part of a pickled str/);
    expect(() => readPickledStr(pyExpr('pickle.dumps(b"bytes")'))).toThrow(/not part of a pickled str/);
    expect(() => readPickledStr(pyExpr('pickle.dumps(("a", "b"))'))).toThrow(/more than one string|not part of a pickled str/);
    const ok = dumped[2]![texts.length]!;
    expect(() => readPickledStr(Buffer.concat([ok, Buffer.from('x')]))).toThrow('1 bytes after the pickle\'s STOP');
    expect(() => readPickledStr(ok.subarray(0, ok.length - 3))).toThrow(/ends inside|longer than the pickle/);
    expect(() => readPickledStr(pyExpr('pickle.dumps("abc", protocol=0)'))).toThrow(/not a pickle of protocol 2 or later/);
  });
});

describe('privateTestsText', () => {
  it('passes JSON text through and decodes what LiveCodeBench publishes (base64 of zlib of a pickle)', () => {
    const json = JSON.stringify([{ input: '5\n', output: '25\n', testtype: 'stdin' }]);
    expect(privateTestsText(json)).toBe(json);
    const [published] = pythonPickled([json]);
    expect(privateTestsText(published!)).toBe(json);
  });

  it('says which layer is wrong', () => {
    expect(() => privateTestsText('not base64 at all!')).toThrow('neither JSON nor base64 text');
    expect(() => privateTestsText(Buffer.from('plain bytes').toString('base64'))).toThrow(/not zlib data/);
    expect(() => privateTestsText(deflateSync(pyExpr('pickle.dumps(42)')).toString('base64'))).toThrow(/not part of a pickled str/);
  });
});
