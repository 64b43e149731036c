// 1100: fewest brackets to insert. Edge cases: ")(" (balanced counts, wrong order), only '(' or only ')'.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p04-bracket-repair',
  index: 'D',
  title: 'Bracket Repair',
  rating: 1100,
  tags: ['greedy', 'strings'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A bracket sequence is balanced if it can be turned into a correct arithmetic expression by inserting digits and plus signs: ' +
    'for example, "(())()" and "()" are balanced, while ")(" and "(()" are not. You are given a sequence s of round brackets. ' +
    'You may insert brackets at any positions of s. Find the smallest number of insertions that makes s balanced.',
  inputFormat: 'The only line contains the string s (1 <= |s| <= 2*10^5) made of the characters ( and ).',
  outputFormat: 'Print one integer: the smallest number of brackets to insert.',
  note: 'In the second example one way is to insert "(" at the start and ")" at the end: "()()".',
  exampleInputs: [lines('(()'), lines(')(')],
  generate(rng) {
    const tests = [lines('('), lines(')'), lines('()'), lines('))(('), lines('()))((()'), lines(')'.repeat(5) + '('.repeat(3))];
    const random = (n: number, pOpen: number) => Array.from({ length: n }, () => (rng.next() < pOpen ? '(' : ')')).join('');
    tests.push(lines(random(200000, 0.5)));
    // Maximum length, unbalanced both ways.
    tests.push(lines(')'.repeat(20000) + '('.repeat(20000) + random(60000, 0.55)));
    return tests;
  },
  solve(input) {
    const s = reader(input).str();
    let open = 0;
    let inserted = 0;
    for (const c of s) {
      if (c === '(') open++;
      else if (open > 0) open--;
      else inserted++; // a ')' with nothing to close: insert '(' before it
    }
    return `${inserted + open}\n`;
  },
  reference: {
    cpp: `#include <iostream>
#include <string>
int main() {
    std::string s;
    std::cin >> s;
    long long open = 0, inserted = 0;
    for (char c : s) {
        if (c == '(') open++;
        else if (open > 0) open--;
        else inserted++;
    }
    std::cout << inserted + open << "\\n";
}
`,
    python: `import sys
def main():
    s = sys.stdin.readline().strip()
    open_ = 0
    inserted = 0
    for c in s:
        if c == '(':
            open_ += 1
        elif open_ > 0:
            open_ -= 1
        else:
            inserted += 1
    print(inserted + open_)
main()
`,
  },
  flawed: [
    {
      flaw: 'counts only the difference between opening and closing brackets, ignoring their order',
      language: 'python',
      verdict: 'WA',
      code: `s = input().strip()
print(abs(s.count('(') - s.count(')')))
`,
    },
    {
      flaw: 'forgets the opening brackets left unclosed at the end',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <iostream>
#include <string>
int main() {
    std::string s;
    std::cin >> s;
    int open = 0, inserted = 0;
    for (char c : s) {
        if (c == '(') open++;
        else if (open > 0) open--;
        else inserted++;
    }
    std::cout << inserted << "\\n";
}
`,
    },
  ],
};
