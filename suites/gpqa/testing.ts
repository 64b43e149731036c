// Test support only: small GPQA files in the published layouts. The CSV has the release's full header
// (the ~70 columns besides the six read), fields padded with spaces and newlines as the release's are,
// and commas and quotes inside quoted fields. The questions are written for this project.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeParquet } from '../testing/write-parquet.ts';

const validator = (who: string, n: number, fields: string[]) => fields.map((f) => `${f}_${who}_${n}`);
const EV = ['Feedback', 'Validator Revision Suggestion', 'Is First Validation', 'Post hoc agreement', 'Sufficient Expertise?', 'Understand the question?', 'Question Difficulty', 'Validator Answered Correctly', 'Self-reported time (minutes)', 'Probability Correct', 'Manual Correctness Adjustment', 'Expert Validator'];
const NEV = ['Feedback', 'Validator Answered Correctly', 'Explanation', 'Self-reported time (minutes)', 'Websites visited', 'Probability Correct', 'Manual Correctness Adjustment', 'Non-Expert Validator'];

/** The header of gpqa_diamond.csv / gpqa_main.csv / gpqa_extended.csv. */
export const GPQA_HEADER = [
  'Pre-Revision Question', 'Pre-Revision Correct Answer', 'Pre-Revision Incorrect Answer 1', 'Pre-Revision Incorrect Answer 2',
  'Pre-Revision Incorrect Answer 3', 'Pre-Revision Explanation', 'Self-reported question-writing time (minutes)', 'Question',
  'Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2', 'Incorrect Answer 3', 'Explanation', 'Revision Comments (from Question Writer)',
  'Subdomain', "Writer's Difficulty Estimate", 'Extra Revised Question', 'Extra Revised Explanation', 'Extra Revised Correct Answer',
  'Extra Revised Incorrect Answer 1', 'Extra Revised Incorrect Answer 2', 'Extra Revised Incorrect Answer 3', 'Non-Expert Validator Accuracy',
  'Majority Non-Expert Vals Incorrect', 'Expert Validator Accuracy', 'Record ID', 'High-level domain', 'Question Writer',
  ...validator('EV', 1, EV), ...validator('EV', 2, EV), ...validator('NEV', 1, NEV), ...validator('NEV', 2, NEV), ...validator('NEV', 3, NEV),
  'Expert Validator Disagreement Category', 'Canary String',
];

export interface GpqaRow {
  id: string;
  question: string;
  correct: string;
  incorrect: [string, string, string];
  domain: string;
  subdomain: string;
}

/** Four questions written for this project; texts padded as the release pads them. */
export const GPQA_ROWS: GpqaRow[] = [
  { id: 'recT3stAlpha000001', question: 'A 2.0 kg block slides on a frictionless table at 3.0 m/s and sticks to a resting 1.0 kg block.\nWhat is their common speed afterwards?\n', correct: ' 2.0 m/s', incorrect: ['1.0 m/s', '3.0 m/s ', '1.5 m/s'], domain: 'Physics', subdomain: 'Physics (general)' },
  { id: 'recT3stBravo000002', question: '  Which process, in a eukaryotic cell, makes "messenger" RNA from a DNA template?', correct: 'Transcription', incorrect: ['Translation', 'Replication, then splicing', '\nReverse transcription'], domain: 'Biology', subdomain: 'Molecular Biology' },
  { id: 'recT3stCharlie0003', question: 'How many distinct signals does the proton NMR spectrum of benzene show?', correct: 'One', incorrect: ['Two', 'Three', 'Six'], domain: 'Chemistry', subdomain: 'Organic Chemistry' },
  { id: 'recT3stDelta000004', question: 'Which of these gases, at the same temperature and pressure, is the densest?', correct: 'Carbon dioxide', incorrect: ['Nitrogen', 'Oxygen', 'Helium, a noble gas'], domain: 'Chemistry', subdomain: 'Chemistry (general)' },
];

function record(r: GpqaRow): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(GPQA_HEADER.map((h) => [h, '']));
  Object.assign(out, {
    'Pre-Revision Question': r.question.trim() + ' (draft)', 'Pre-Revision Correct Answer': r.correct.trim(), Question: r.question,
    'Correct Answer': r.correct, 'Incorrect Answer 1': r.incorrect[0], 'Incorrect Answer 2': r.incorrect[1], 'Incorrect Answer 3': r.incorrect[2],
    Explanation: 'Worked out by the writer, with a comma, and "quotes".', Subdomain: r.subdomain, 'Record ID': r.id, 'High-level domain': r.domain,
    'Expert Validator Accuracy': '1.0', 'Non-Expert Validator Accuracy': '0.33', 'Canary String': 'CANARY-NOT-A-REAL-ONE',
  });
  return out;
}

const csvField = (v: string) => (/[",\n\r]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);

export function gpqaCsv(rows: GpqaRow[] = GPQA_ROWS, edit?: (r: Record<string, string>, i: number) => void): string {
  const lines = [GPQA_HEADER.map(csvField).join(',')];
  rows.forEach((r, i) => {
    const rec = record(r);
    edit?.(rec, i);
    lines.push(GPQA_HEADER.map((h) => csvField(rec[h] ?? '')).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** Writes the rows as `<name>.csv`, `<name>.jsonl` and `<name>.parquet` in `dir`; returns the three paths. */
export function writeGpqaFiles(dir: string, name = 'gpqa_diamond', rows: GpqaRow[] = GPQA_ROWS): { csv: string; jsonl: string; parquet: string } {
  const csv = join(dir, `${name}.csv`);
  const jsonl = join(dir, `${name}.jsonl`);
  const parquet = join(dir, `${name}.parquet`);
  writeFileSync(csv, gpqaCsv(rows));
  writeFileSync(jsonl, rows.map((r) => JSON.stringify(record(r))).join('\n') + '\n');
  const columns = ['Question', 'Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2', 'Incorrect Answer 3', 'Record ID', 'High-level domain', 'Subdomain', 'Explanation'];
  writeFileSync(parquet, writeParquet(columns.map((name) => ({ name, type: 'string' as const, values: rows.map((r) => record(r)[name]!) }))));
  return { csv, jsonl, parquet };
}
