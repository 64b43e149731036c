// LiveCodeBench's compressed `private_test_cases`: base64 of zlib of Python's pickle of the tests' JSON
// text. Only what `pickle.dumps(a_str)` writes is accepted (protocols 2 to 5): the protocol header,
// frames, one unicode string, memo opcodes and STOP. Anything else is refused, never interpreted: this
// is not an unpickler, and no pickled code can run.
import { inflateSync } from 'node:zlib';

/** The payload is not a pickled str (or not valid base64/zlib): one line saying what was found. */
export class PickleError extends Error {}

const PROTO = 0x80;
const FRAME = 0x95;
const SHORT_BINUNICODE = 0x8c;
const BINUNICODE = 0x58; // 'X'
const BINUNICODE8 = 0x8d;
const MEMOIZE = 0x94;
const BINPUT = 0x71; // 'q'
const LONG_BINPUT = 0x72; // 'r'
const STOP = 0x2e; // '.'

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}

/** The string a pickle of one Python str holds. */
export function readPickledStr(bytes: Uint8Array): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number, what: string) => {
    if (at + n > bytes.length) throw new PickleError(`pickle ends inside ${what} at byte ${at}`);
  };
  const u64 = (what: string): number => {
    need(8, what);
    const n = view.getBigUint64(at, true);
    at += 8;
    if (n > BigInt(bytes.length)) throw new PickleError(`${what} of ${n} bytes is longer than the pickle`);
    return Number(n);
  };
  need(2, 'the protocol header');
  if (bytes[0] !== PROTO) throw new PickleError(`not a pickle of protocol 2 or later (first byte ${hex(bytes[0]!)})`);
  const protocol = bytes[1]!;
  if (protocol < 2 || protocol > 5) throw new PickleError(`unsupported pickle protocol ${protocol}`);
  at = 2;
  let value: string | undefined;
  for (;;) {
    need(1, 'an opcode');
    const op = bytes[at++]!;
    if (op === STOP) break;
    if (op === FRAME) {
      const n = u64('a frame');
      if (at + n > bytes.length) throw new PickleError(`frame of ${n} bytes is longer than the pickle`);
      continue;
    }
    if (op === MEMOIZE) continue;
    if (op === BINPUT || op === LONG_BINPUT) {
      need(op === BINPUT ? 1 : 4, 'a memo index');
      at += op === BINPUT ? 1 : 4;
      continue;
    }
    if (op === SHORT_BINUNICODE || op === BINUNICODE || op === BINUNICODE8) {
      if (value !== undefined) throw new PickleError('pickle holds more than one string');
      let n: number;
      if (op === SHORT_BINUNICODE) {
        need(1, 'a string length');
        n = bytes[at++]!;
      } else if (op === BINUNICODE) {
        need(4, 'a string length');
        n = view.getUint32(at, true);
        at += 4;
      } else n = u64('a string');
      need(n, 'a string');
      try {
        value = utf8.decode(bytes.subarray(at, at + n));
      } catch {
        throw new PickleError(`string at byte ${at} is not valid UTF-8`);
      }
      at += n;
      continue;
    }
    throw new PickleError(`opcode ${hex(op)} at byte ${at - 1} is not part of a pickled str (refused)`);
  }
  if (at !== bytes.length) throw new PickleError(`${bytes.length - at} bytes after the pickle's STOP`);
  if (value === undefined) throw new PickleError('pickle holds no string');
  return value;
}

/**
 * The tests' JSON text from a `private_test_cases` field: the field itself when it is JSON (LiveCodeBench
 * tries json.loads first), else base64 → zlib → pickled str, as its loader does.
 */
export function privateTestsText(field: string): string {
  const t = field.trimStart();
  if (t.startsWith('[') || t.startsWith('{')) return field;
  if (!/^[A-Za-z0-9+/=\s]+$/.test(field)) throw new PickleError('neither JSON nor base64 text');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.from(field, 'base64'));
  } catch (e) {
    throw new PickleError(`base64 text that is not zlib data (${(e as Error).message})`);
  }
  return readPickledStr(raw);
}
