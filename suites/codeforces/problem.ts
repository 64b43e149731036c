// The shape of one bundled problem file, and the seeded PRNG its test generator uses.
import { mulberry32 } from '../../random.ts';
import type { Language, TestCase } from '../../types.ts';

export interface FlawedSolution {
  /** What is wrong, in a few words: the simulator shows it, the tests check it really fails. */
  flaw: string;
  language: Language;
  code: string;
  /** The verdict the judge must give (its first failing test). */
  verdict: 'WA' | 'TLE' | 'RE';
}

export interface BundledProblem {
  /** Item id, e.g. 'p01-product-sign'. */
  id: string;
  index: string;
  title: string;
  rating: number;
  tags: string[];
  timeLimitS: number;
  memoryLimitMb: number;
  description: string;
  inputFormat: string;
  outputFormat: string;
  note?: string;
  /** Inputs shown in the statement; outputs come from `solve`. */
  exampleInputs: string[];
  /** Hidden test inputs: edge cases first, then the large ones. Deterministic for a given rng. */
  generate(rng: Rng): string[];
  /** Reference implementation in TypeScript: expected outputs need no compiler at load time. */
  solve(input: string): string;
  /** Python checker (argv: input, expected output, participant output; prints 1 when accepted). */
  checker?: string;
  reference: { cpp: string; python: string };
  flawed: FlawedSolution[];
}

/** The same sequence on every machine, so the bundled tests never change. */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  ints(n: number, lo: number, hi: number): number[] {
    return Array.from({ length: n }, () => this.int(lo, hi));
  }
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  }
}

/** All whitespace-separated tokens of an input, for the TypeScript references. */
export function tokens(input: string): string[] {
  return input.split(/\s+/).filter(Boolean);
}

/** A reader over tokens: next() as number, big() as bigint. */
export function reader(input: string): { num(): number; big(): bigint; str(): string } {
  const t = tokens(input);
  let i = 0;
  return {
    num: () => Number(t[i++]),
    big: () => BigInt(t[i++]!),
    str: () => t[i++]!,
  };
}

/** Lines joined with '\n' and a final newline, the way test files are written. */
export function lines(...rows: (string | number | (string | number)[])[]): string {
  return rows.map((r) => (Array.isArray(r) ? r.join(' ') : String(r))).join('\n') + '\n';
}

/** FNV-1a of the problem id: each problem's generator gets its own fixed seed. */
function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Examples (shown in the statement) and hidden tests, with outputs from the TypeScript reference. */
export function buildTests(p: BundledProblem): { examples: TestCase[]; hidden: TestCase[] } {
  const withOutput = (input: string): TestCase => ({ input, output: p.solve(input) });
  return { examples: p.exampleInputs.map(withOutput), hidden: p.generate(new Rng(seedOf(p.id))).map(withOutput) };
}
