// Small suites written for the simulator's tests: one math, one choice and one code item.
import type { LoadedSuite } from '../../types.ts';

const suite = (id: string, scorer: LoadedSuite['scorer'], items: LoadedSuite['items']): LoadedSuite => ({
  id,
  version: 1,
  scorer,
  samples: 1,
  contentHash: 'test',
  source: 'bundled',
  items,
});

export const mathSuite = suite('t-math', 'math', [
  { id: 'm1', prompt: [{ role: 'user', content: 'How many positive divisors does 360 have?' }], reference: { kind: 'math', answer: '24' } },
  { id: 'm2', prompt: [{ role: 'user', content: 'Find the remainder when 7^100 is divided by 1000.' }], reference: { kind: 'math', answer: '001' } },
]);

export const choiceSuite = suite('t-choice', 'choice', [
  {
    id: 'c1',
    prompt: [{ role: 'user', content: 'Which gas makes up most of the air?\nA) Oxygen\nB) Nitrogen\nC) Argon\nD) Carbon dioxide' }],
    reference: { kind: 'choice', answer: 'B', choices: ['Oxygen', 'Nitrogen', 'Argon', 'Carbon dioxide'] },
  },
]);

export const codeSuite = suite('t-code', 'code', [
  {
    id: 'k1',
    prompt: [{ role: 'user', content: 'Read two integers and print their sum.' }],
    reference: { kind: 'code', tests: [{ input: '1 2\n', output: '3\n' }], timeLimitMs: 1000, memoryLimitMb: 256 },
    meta: {
      solutions: {
        reference: { cpp: '#include <iostream>\nint main(){long long a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}', python: 'a,b=map(int,input().split())\nprint(a+b)' },
        flawed: [
          { flaw: 'int overflow', language: 'cpp', code: '#include <iostream>\nint main(){int a,b;std::cin>>a>>b;std::cout<<a+b<<"\\n";}' },
          { flaw: 'prints difference', language: 'python', code: 'a,b=map(int,input().split())\nprint(a-b)' },
        ],
      },
    },
  },
]);

export const testSuites = [mathSuite, choiceSuite, codeSuite];

/** The prompt text of an item of the test suites. */
export function promptOf(s: LoadedSuite, i = 0): string {
  return s.items[i]!.prompt[0]!.content;
}
