// One dataset row → one MMLU question, checked: each problem is a one-line DatasetError naming file and row.
import { DatasetError, pick } from '../table.ts';
import { normalizeSubject } from './categories.ts';

const LETTERS = 'ABCDEFGHIJ';
const MAX_CHOICES = LETTERS.length;

export interface MmluRow {
  question: string;
  choices: string[];
  /** 'A'..'J' */
  answer: string;
  subject: string;
  /** The dataset's own id, when it has one (MMLU-Pro: question_id). */
  id?: string;
}

/** The original release: no header; question, A, B, C, D, answer letter. The subject comes from the file name. */
export function fromCsvRecord(file: string, line: number, fields: string[], subject: string): MmluRow {
  if (fields.length !== 6)
    throw new DatasetError(file, line, `has ${fields.length} fields, expected 6 (question, A, B, C, D, answer letter)`);
  const [question, a, b, c, d, answer] = fields as [string, string, string, string, string, string];
  if (!question.trim()) throw new DatasetError(file, line, 'the question is empty');
  const choices = [a, b, c, d];
  return { question, choices, answer: answerLetter(file, line, answer, choices.length), subject };
}

/** The published layouts (Parquet/JSONL/JSON/CSV with a header): MMLU, MMLU-Pro, MMLU-Redux. Extra columns are ignored. */
export function fromTableRow(file: string, row: number, data: Record<string, unknown>, fallbackSubject: string): MmluRow {
  const question = pick(data, ['question', 'problem', 'input']);
  if (typeof question !== 'string' || !question.trim()) throw new DatasetError(file, row, 'no "question" text');
  const choices = readChoices(file, row, data);
  const answer = answerLetter(file, row, pick(data, ['answer', 'answer_index', 'label', 'target']), choices.length);
  const subjectRaw = pick(data, ['subject', 'category']);
  const subject = typeof subjectRaw === 'string' && subjectRaw.trim() ? normalizeSubject(subjectRaw) : fallbackSubject;
  const idRaw = pick(data, ['id', 'question_id', 'unique_id']);
  const id = typeof idRaw === 'string' || typeof idRaw === 'number' || typeof idRaw === 'bigint' ? String(idRaw) : undefined;
  return { question, choices, answer, subject, ...(id === undefined ? {} : { id }) };
}

function readChoices(file: string, row: number, data: Record<string, unknown>): string[] {
  let raw = pick(data, ['choices', 'options']);
  // A CSV with a header may hold the list as JSON text; or spread it over columns A, B, C, ...
  if (typeof raw === 'string' && raw.trim().startsWith('[')) {
    try {
      raw = JSON.parse(raw);
    } catch {
      throw new DatasetError(file, row, '"choices" is not a JSON list');
    }
  }
  if (raw === undefined) {
    const spread: unknown[] = [];
    for (const l of LETTERS) if (data[l] !== undefined) spread.push(data[l]);
    if (spread.length) raw = spread;
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Symbol.iterator in raw) raw = [...(raw as Iterable<unknown>)];
  if (!Array.isArray(raw)) throw new DatasetError(file, row, 'no "choices" (or "options") list');
  if (raw.length < 2 || raw.length > MAX_CHOICES)
    throw new DatasetError(file, row, `has ${raw.length} choices, expected 2 to ${MAX_CHOICES}`);
  return raw.map((c, i) => {
    if (typeof c === 'string') return c;
    if (typeof c === 'number' || typeof c === 'bigint' || typeof c === 'boolean') return String(c);
    throw new DatasetError(file, row, `choice ${LETTERS[i]} is ${c === null ? 'null' : typeof c}, expected text`);
  });
}

/** A letter ('B', 'b', '(B)') or a 0-based index (1, 1n, '1'), checked against the number of choices. */
export function answerLetter(file: string, row: number, raw: unknown, choices: number): string {
  const allowed = `${LETTERS[0]}-${LETTERS[choices - 1]}`;
  if (typeof raw === 'number' || typeof raw === 'bigint' || (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw))) {
    const index = Number(raw);
    if (!Number.isInteger(index) || index < 0 || index >= choices)
      throw new DatasetError(file, row, `answer index ${String(raw).trim()} is out of range for ${choices} choices (0-${choices - 1})`);
    return LETTERS[index]!;
  }
  if (typeof raw === 'string') {
    const letter = raw.trim().replace(/^\((.)\)$/, '$1').toUpperCase();
    if (letter.length === 1 && LETTERS.slice(0, choices).includes(letter)) return letter;
    throw new DatasetError(file, row, `answer "${raw.trim()}" is not a letter ${allowed}`);
  }
  throw new DatasetError(file, row, raw === undefined ? 'no "answer" column' : `answer is ${raw === null ? 'null' : typeof raw}, expected a letter ${allowed} or an index`);
}
