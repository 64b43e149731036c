// Test support only: small LiveCodeBench files in the published code_generation_lite layout. The problems
// are written for this project; compressed private tests are made the way LiveCodeBench's files hold
// them, by python3 itself: base64(zlib.compress(pickle.dumps(json.dumps(tests)))).
import { execFileSync } from 'node:child_process';

export interface FixtureTest {
  input: string;
  output: string;
}

export interface FixtureProblem {
  question_id: string;
  question_title: string;
  question_content: string;
  platform: 'leetcode' | 'atcoder' | 'codeforces';
  contest_id: string;
  contest_date: string;
  starter_code: string;
  difficulty: 'easy' | 'medium' | 'hard';
  funcName?: string;
  public: FixtureTest[];
  private: FixtureTest[];
  /** Store the private tests pickled (as most published rows do) or as plain JSON text. */
  pickled: boolean;
  reference: string;
  flawed: string;
}

/** Python's pickle.dumps(text) for each text, zlib-compressed and base64-encoded: one python3 call. */
export function pythonPickled(texts: string[]): string[] {
  const script = 'import sys,json,pickle,zlib,base64\nd=json.load(sys.stdin)\nprint(json.dumps([base64.b64encode(zlib.compress(pickle.dumps(s))).decode() for s in d]))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), maxBuffer: 1 << 30 }).toString());
}

/** The row as the release's JSONL holds it (string fields only; tests and metadata as JSON text). */
export function publishedRows(problems: FixtureProblem[], opts: { withSolutions?: boolean } = {}): Record<string, string>[] {
  const testsJson = (p: FixtureProblem, list: FixtureTest[]) =>
    JSON.stringify(list.map((t) => ({ input: t.input, output: t.output, testtype: p.funcName ? 'functional' : 'stdin' })));
  const pickled = pythonPickled(problems.filter((p) => p.pickled).map((p) => testsJson(p, p.private)));
  let next = 0;
  return problems.map((p) => ({
    question_title: p.question_title,
    question_content: p.question_content,
    platform: p.platform,
    question_id: p.question_id,
    contest_id: p.contest_id,
    contest_date: p.contest_date,
    starter_code: p.starter_code,
    difficulty: p.difficulty,
    public_test_cases: testsJson(p, p.public),
    private_test_cases: p.pickled ? pickled[next++]! : testsJson(p, p.private),
    metadata: JSON.stringify(p.funcName ? { func_name: p.funcName } : {}),
    ...(opts.withSolutions ? { reference_solution: p.reference, flawed_solution: p.flawed } : {}),
  }));
}

export function jsonl(rows: object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Three problems: stdin (easy, AtCoder), functional (medium, LeetCode), stdin with decimals (hard, Codeforces). */
export const fixtureProblems: FixtureProblem[] = [
  {
    question_id: 'abc900_a',
    question_title: 'Even Total',
    question_content: 'You are given N integers. Print the sum of those that are even.\n\nInput: N on the first line, then the N integers.',
    platform: 'atcoder',
    contest_id: 'abc900',
    contest_date: '2024-09-14T00:00:00',
    starter_code: '',
    difficulty: 'easy',
    public: [{ input: '3\n1 2 4\n', output: '6\n' }],
    private: [{ input: '4\n5 7 9 11\n', output: '0\n' }, { input: '2\n-4 10\n', output: '6\n' }, { input: '1\n8\n', output: '8\n' }],
    pickled: true,
    reference: 'n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(x for x in xs if x % 2 == 0))\n',
    flawed: 'import sys\ndata = sys.stdin.read().split()\nprint(sum(int(x) for x in data[1:] if int(x) > 0 and int(x) % 2 == 0))\n',
  },
  {
    question_id: '9101',
    question_title: 'smallest-and-largest',
    question_content: 'Given a non-empty integer array nums, return [the smallest value, the largest value].',
    platform: 'leetcode',
    contest_id: 'weekly-contest-999',
    contest_date: '2024-11-02T00:00:00',
    starter_code: 'class Solution:\n    def minMaxPair(self, nums: List[int]) -> List[int]:\n        ',
    difficulty: 'medium',
    funcName: 'minMaxPair',
    public: [{ input: '[1, 2, 3]', output: '[1, 3]' }],
    private: [{ input: '[7]', output: '[7, 7]' }, { input: '[5, -2, 9, 0]', output: '[-2, 9]' }],
    pickled: false,
    reference: 'class Solution:\n    def minMaxPair(self, nums: List[int]) -> List[int]:\n        return (min(nums), max(nums))\n',
    flawed: 'class Solution:\n    def minMaxPair(self, nums: List[int]) -> List[int]:\n        return [nums[0], nums[-1]]\n',
  },
  {
    question_id: '2077C',
    question_title: 'Mean Value',
    question_content: 'Print the mean of the given N integers (any exact decimal form is accepted).',
    platform: 'codeforces',
    contest_id: '2077',
    contest_date: '2025-03-01T00:00:00',
    starter_code: '',
    difficulty: 'hard',
    public: [{ input: '2\n2 3\n', output: '2.50\n' }],
    private: [{ input: '4\n1 1 1 2\n', output: '1.25\n' }, { input: '1\n7\n', output: '7.0\n' }],
    pickled: true,
    reference: 'from decimal import Decimal\nn = int(input())\nxs = list(map(int, input().split()))\nprint(Decimal(sum(xs)) / Decimal(n))\n',
    flawed: 'n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(xs) // n)\n',
  },
];
