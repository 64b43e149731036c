// Full-MMLU scale: load 14,042 questions in the original CSV layout, re-score 14,042 stored answers
// (extraction, metrics, subject breakdown), peak memory. Runs in a child process so that the peak
// RSS is this benchmark's alone, not the benchmark runner's.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteMetrics, type ItemSamples } from '../scorers/aggregate.ts';
import { choiceScorer } from '../scorers/choice.ts';
import { mmluBreakdown } from '../scorers/mmlu-breakdown.ts';
import { MMLU_SUBJECTS } from '../suites/mmlu/categories.ts';
import { loadMmluPath } from '../suites/mmlu/load.ts';
import type { BenchRow } from './row.ts';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';

export const FULL_MMLU_QUESTIONS = 14_042;
const LETTERS = 'ABCD';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes data/test/<subject>_test.csv for the 57 subjects, `questions` rows in all; question i's answer is LETTERS[i % 4]. */
export function writeMmluCsv(dir: string, questions: number): void {
  mkdirSync(join(dir, 'data', 'test'), { recursive: true });
  let i = 0;
  MMLU_SUBJECTS.forEach((subject, s) => {
    const count = Math.floor(questions / MMLU_SUBJECTS.length) + (s < questions % MMLU_SUBJECTS.length ? 1 : 0);
    const lines: string[] = [];
    for (let q = 0; q < count; q++, i++) {
      // Real questions run from one line to long passages (professional law): vary the length.
      const body = `Question ${i} about ${subject.replace(/_/g, ' ')}: given "case ${i}", which statement holds, considering each option in turn? `;
      const question = body.repeat(1 + (i % 5));
      const options = [0, 1, 2, 3].map((o) => `Option ${o} for question ${i}, with a comma and some words`);
      lines.push([question, ...options, LETTERS[i % 4]!].map(csvField).join(','));
    }
    writeFileSync(join(dir, 'data', 'test', `${subject}_test.csv`), lines.join('\n') + '\n');
  });
}

/** A stored answer part as R1 writes it; 3 in 4 pick the right letter, 1 in 50 gives none. */
function storedAnswer(index: number, right: string): string {
  if (index % 50 === 49) return 'The premises do not settle this; more information would be needed.';
  const letter = index % 4 === 3 ? LETTERS[(LETTERS.indexOf(right) + 1) % 4]! : right;
  const forms = [`Answer: ${letter}`, `**Answer: ${letter}**`, `The best answer is: (${letter})`, `Answer: $\\boxed{${letter}}$`];
  return `Weighing the options, (A) fails the second condition and **B** is too broad.\n\n${'Each remaining option is checked against the facts given. '.repeat(6)}\n\n${forms[index % forms.length]}`;
}

async function measure(questions: number): Promise<{ loadMs: number; scoreMs: number; pass1: number; expected: number; peakRssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'r1bench-mmlu-bench-'));
  try {
    writeMmluCsv(dir, questions);
    const t0 = performance.now();
    const suite = await loadMmluPath(dir);
    const loadMs = performance.now() - t0;
    if (suite.items.length !== questions) throw new Error(`loaded ${suite.items.length} of ${questions} questions`);

    const stored = suite.items.map((item, i) => ({ itemId: item.id, answer: storedAnswer(i, (item.reference as { answer: string }).answer), finishReason: 'stop' }));
    let expectedCorrect = 0;
    stored.forEach((_, i) => (expectedCorrect += i % 50 !== 49 && i % 4 !== 3 ? 1 : 0));

    const t1 = performance.now();
    const byId = new Map(suite.items.map((it) => [it.id, it]));
    const samples: ItemSamples[] = stored.map((c) => {
      const v = choiceScorer.score(c, byId.get(c.itemId)!.reference) as { correct: boolean | null; extracted: string | null };
      return { itemId: c.itemId, correct: [v.correct === true], extracted: [v.extracted] };
    });
    const metrics = suiteMetrics(samples, { equal: choiceScorer.equal });
    const breakdown = mmluBreakdown(suite.items, samples, { equal: choiceScorer.equal });
    const scoreMs = performance.now() - t1;
    if (breakdown.subjects.length !== MMLU_SUBJECTS.length) throw new Error(`breakdown has ${breakdown.subjects.length} subjects`);
    return { loadMs, scoreMs, pass1: metrics[0]!.value, expected: expectedCorrect / questions, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchMmlu(questions = FULL_MMLU_QUESTIONS): Promise<{ rows: BenchRow[] }> {
  const script = fileURLToPath(import.meta.url);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, script, '--child', String(questions)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (b) => (text += b));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`mmlu bench child exited with ${code}`))));
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as Awaited<ReturnType<typeof measure>>;
  if (Math.abs(r.pass1 - r.expected) > 1e-12) throw new Error(`re-scored pass@1 ${r.pass1} differs from the planted ${r.expected}`);
  const n = questions.toLocaleString('en-US');
  return {
    rows: [
      { name: `load ${n} questions (original CSV layout)`, value: r.loadMs, unit: 'ms', target: '< 2000 ms' },
      { name: `re-score ${n} stored samples (extract + metrics + breakdown)`, value: r.scoreMs, unit: 'ms', target: '< 5000 ms' },
      { name: 'peak RSS of load + re-score', value: r.peakRssMb, unit: 'MB', target: '< 400 MB' },
    ],
  };
}

if (process.argv[2] === '--child') {
  const result = await measure(Number(process.argv[3] ?? FULL_MMLU_QUESTIONS));
  process.stdout.write(JSON.stringify(result) + '\n');
}
