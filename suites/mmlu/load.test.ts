import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../table.ts';
import { limitPerSubject, loadMmluPath } from './load.ts';
import { writeParquet } from '../testing/write-parquet.ts';

const root = mkdtempSync(join(tmpdir(), 'r1bench-mmlu-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
function write(path: string, text: string | Buffer): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The original release: data/test/<subject>_test.csv and data/dev/<subject>_dev.csv, no header. */
function originalRelease(name: string): string {
  const dir = join(root, name);
  write(join(dir, 'data/test/virology_test.csv'), csv([
    ['Which virus causes "the common cold" most often?', 'rhinovirus', 'rabies virus', 'HIV', 'Ebola virus', 'A'],
  ]));
  write(join(dir, 'data/test/abstract_algebra_test.csv'), csv([
    ['What is the order of the group Z_4?', '2', '4', '8', '1', 'B'],
    ['Which set, with addition,\nis a group?', 'the integers', 'the natural numbers', 'the odd integers', 'the positive reals', 'A'],
    ['How many elements does S_3 have?', '3', '9', '6', '27', 'C'],
  ]));
  write(join(dir, 'data/test/philosophy_test.csv'), csv([['Who wrote the Ethics, demonstrated in geometrical order?', 'Hume', 'Kant', 'Hegel', 'Spinoza', 'D']]));
  write(join(dir, 'data/dev/abstract_algebra_dev.csv'), csv([
    ['Dev question one?', 'p', 'q', 'r', 's', 'C'],
    ['Dev question two?', 'p', 'q', 'r', 's', 'D'],
    ['Dev question three?', 'p', 'q', 'r', 's', 'A'],
  ]));
  write(join(dir, 'data/dev/virology_dev.csv'), csv([['Virology dev?', 'p', 'q', 'r', 's', 'B']]));
  write(join(dir, 'data/dev/philosophy_dev.csv'), csv([['Philosophy dev?', 'p', 'q', 'r', 's', 'A']]));
  return dir;
}

const errorOf = async (p: Promise<unknown>): Promise<DatasetError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DatasetError);
    expect((e as Error).message).not.toContain('\n');
    return e as DatasetError;
  }
  throw new Error('expected a DatasetError');
};

describe('loadMmluPath: the original CSV release', () => {
  const dir = originalRelease('mmlu');

  it('reads every subject, sorted by subject then file order', async () => {
    const suite = await loadMmluPath(dir);
    expect(suite).toMatchObject({ id: 'mmlu:mmlu', scorer: 'choice', samples: 4, version: 1, source: dir });
    expect(suite.items.map((i) => [i.meta?.subject, i.reference])).toEqual([
      ['abstract_algebra', { kind: 'choice', answer: 'B', choices: ['2', '4', '8', '1'] }],
      ['abstract_algebra', { kind: 'choice', answer: 'A', choices: ['the integers', 'the natural numbers', 'the odd integers', 'the positive reals'] }],
      ['abstract_algebra', { kind: 'choice', answer: 'C', choices: ['3', '9', '6', '27'] }],
      ['philosophy', { kind: 'choice', answer: 'D', choices: ['Hume', 'Kant', 'Hegel', 'Spinoza'] }],
      ['virology', { kind: 'choice', answer: 'A', choices: ['rhinovirus', 'rabies virus', 'HIV', 'Ebola virus'] }],
    ]);
    expect(suite.items.map((i) => i.meta?.category)).toEqual(['stem', 'stem', 'stem', 'humanities', 'other']);
    expect(suite.items[4]!.prompt[0]!.content).toContain('Which virus causes "the common cold" most often?\n\nA) rhinovirus\nB) rabies virus');
    expect(suite.items[1]!.prompt[0]!.content).toContain('Which set, with addition,\nis a group?');
    expect(new Set(suite.items.map((i) => i.id)).size).toBe(5);
  });

  it('finds the same data from the folder, from data/, from data/test and from one file', async () => {
    const ids = (await loadMmluPath(dir)).items.map((i) => i.id);
    expect((await loadMmluPath(join(dir, 'data'))).items.map((i) => i.id)).toEqual(ids);
    expect((await loadMmluPath(join(dir, 'data/test'))).items.map((i) => i.id)).toEqual(ids);
    const one = await loadMmluPath(join(dir, 'data/test/philosophy_test.csv'));
    expect(one.id).toBe('mmlu:philosophy_test');
    expect(one.items.map((i) => i.id)).toEqual([ids[3]]);
  });

  it('hashes the files read: stable, and changed by an edit', async () => {
    const copy = originalRelease('mmlu-copy');
    const a = await loadMmluPath(dir);
    expect((await loadMmluPath(copy)).contentHash).toBe(a.contentHash);
    write(join(copy, 'data/test/philosophy_test.csv'), csv([['Who wrote the Ethics?', 'Hume', 'Kant', 'Hegel', 'Spinoza', 'D']]));
    expect((await loadMmluPath(copy)).contentHash).not.toBe(a.contentHash);
  });

  it('picks subjects, and names a subject the data lacks', async () => {
    const suite = await loadMmluPath(dir, { subjects: ['virology', 'Abstract Algebra'], suiteId: 'mine' });
    expect(suite.id).toBe('mine');
    expect(suite.items.map((i) => i.meta?.subject)).toEqual(['abstract_algebra', 'abstract_algebra', 'abstract_algebra', 'virology']);
    const e = await errorOf(loadMmluPath(dir, { subjects: ['astrology'] }));
    expect(e.message).toMatch(/"astrology"/);
  });

  it('adds k dev examples of the same subject as few-shot', async () => {
    const suite = await loadMmluPath(dir, { fewShot: 2 });
    const text = suite.items[0]!.prompt[0]!.content;
    expect(text).toContain('Dev question one?\n\nA) p\nB) q\nC) r\nD) s\n\nAnswer: C');
    expect(text).toContain('Dev question two?');
    expect(text).not.toContain('Dev question three?');
    expect(text).not.toContain('Virology dev?');
    expect(text.indexOf('Dev question two?')).toBeLessThan(text.indexOf('What is the order of the group Z_4?'));
    // Ids do not depend on the prompt's few-shot part.
    expect(suite.items.map((i) => i.id)).toEqual((await loadMmluPath(dir)).items.map((i) => i.id));
  });

  it('refuses few-shot without dev data', async () => {
    const lone = write(join(root, 'lone/x_test.csv'), csv([['q', 'a', 'b', 'c', 'd', 'A']]));
    const e = await errorOf(loadMmluPath(lone, { fewShot: 1 }));
    expect(e.message).toMatch(/few-shot needs dev examples/);
  });
});

describe('loadMmluPath: published tables', () => {
  it('reads the Hub Parquet layout from all/, with list choices and int64 answers', async () => {
    const dir = join(root, 'hub');
    const test = writeParquet([
      { name: 'question', type: 'string', values: ['Where are ribosomes made?', 'What is 2 + 2?'] },
      { name: 'subject', type: 'string', values: ['college_biology', 'elementary_mathematics'] },
      { name: 'choices', type: 'string-list', values: [['nucleolus', 'lysosome', 'vacuole', 'cell wall'], ['3', '5', '22', '4']] },
      { name: 'answer', type: 'int64', values: [0n, 3n] },
    ]);
    write(join(dir, 'all/test-00000-of-00001.parquet'), test);
    write(join(dir, 'college_biology/test-00000-of-00001.parquet'), test); // a per-subject copy: not read twice
    write(join(dir, 'all/validation-00000-of-00001.parquet'), test);
    const suite = await loadMmluPath(dir);
    expect(suite.items.map((i) => [i.meta?.subject, i.meta?.category, i.reference])).toEqual([
      ['college_biology', 'stem', { kind: 'choice', answer: 'A', choices: ['nucleolus', 'lysosome', 'vacuole', 'cell wall'] }],
      ['elementary_mathematics', 'stem', { kind: 'choice', answer: 'D', choices: ['3', '5', '22', '4'] }],
    ]);
    const one = await loadMmluPath(join(dir, 'college_biology/test-00000-of-00001.parquet'));
    expect(one.id).toBe('mmlu:test-00000-of-00001');
  });

  it('reads a folder whose files are symlinks into a blob store (huggingface_hub cache layout)', async () => {
    const blob = write(join(root, 'hub/blobs/0a1b2c'), JSON.stringify({ question: 'Which is a prime?', subject: 'college_mathematics', choices: ['4', '6', '7', '9'], answer: 2 }) + '\n');
    mkdirSync(join(root, 'hub/snapshots/abc/all'), { recursive: true });
    symlinkSync(blob, join(root, 'hub/snapshots/abc/all/test.jsonl'));
    const suite = await loadMmluPath(join(root, 'hub/snapshots/abc/all'));
    expect(suite.items).toHaveLength(1);
    expect(suite.items[0]!.reference).toMatchObject({ answer: 'C' });
  });

  it('reads JSONL with index answers and tolerates MMLU-Redux extra columns', async () => {
    const file = write(join(root, 'redux.jsonl'), [
      { question: 'What is the SI unit of charge?', choices: ['volt', 'coulomb', 'ohm', 'tesla'], answer: 1, error_type: 'ok', source: 'x' },
      { question: 'Which gas is most common in air?', choices: ['oxygen', 'argon', 'nitrogen', 'CO2'], answer: 2, error_type: 'wrong_groundtruth', correct_answer: 'C' },
    ].map((r) => JSON.stringify(r)).join('\n'));
    const suite = await loadMmluPath(file);
    expect(suite.id).toBe('mmlu:redux');
    expect(suite.items.map((i) => (i.reference as { answer: string }).answer)).toEqual(['B', 'C']);
    expect(suite.items[0]!.meta).toEqual({ subject: 'redux', category: 'other' });
  });

  it('reads MMLU-Pro: ten options A-J, a letter answer, category and question_id', async () => {
    const options = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const file = write(join(root, 'pro/test.jsonl'), JSON.stringify({ question_id: 70, question: 'Which digit is largest?', options, answer: 'J', answer_index: 9, cot_content: '', category: 'computer science', src: 'x' }) + '\n');
    const [item] = (await loadMmluPath(file)).items;
    expect(item!.id).toBe('70');
    expect(item!.reference).toEqual({ kind: 'choice', answer: 'J', choices: options });
    expect(item!.meta).toEqual({ subject: 'computer_science', category: 'stem' });
    expect(item!.prompt[0]!.content).toContain('J) 9');
    expect(item!.prompt[0]!.content).toContain('one of A, B, C, D, E, F, G, H, I, J');
  });

  it('numbers repeated questions so ids stay unique', async () => {
    const row = JSON.stringify({ question: 'Same?', subject: 'virology', choices: ['a', 'b', 'c', 'd'], answer: 0 });
    const ids = (await loadMmluPath(write(join(root, 'dup.jsonl'), `${row}\n${row}\n`))).items.map((i) => i.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
  });
});

describe('loadMmluPath: malformed files', () => {
  const bad = (name: string, text: string) => write(join(root, 'bad', name), text);

  it('names file and row for a bad answer letter', async () => {
    const f = bad('a/test/virology_test.csv', csv([['ok?', 'a', 'b', 'c', 'd', 'A'], ['bad?', 'a', 'b', 'c', 'd', 'X']]));
    expect((await errorOf(loadMmluPath(join(root, 'bad/a')))).message).toBe(`${f}: row 2: answer "X" is not a letter A-D`);
  });

  it('names file and row for a wrong number of fields', async () => {
    const f = bad('b/test/virology_test.csv', csv([['ok?', 'a', 'b', 'c', 'd', 'A'], ['short?', 'a', 'b', 'c', 'D']]));
    expect((await errorOf(loadMmluPath(join(root, 'bad/b')))).message).toBe(`${f}: row 2: has 5 fields, expected 6 (question, A, B, C, D, answer letter)`);
  });

  it('names file and row for an answer index out of range', async () => {
    const f = bad('c.jsonl', [{ question: 'q', choices: ['a', 'b'], answer: 0 }, { question: 'q2', choices: ['a', 'b', 'c', 'd'], answer: 4 }].map((r) => JSON.stringify(r)).join('\n'));
    expect((await errorOf(loadMmluPath(f))).message).toBe(`${f}: row 2: answer index 4 is out of range for 4 choices (0-3)`);
  });

  it('names what is missing: choices, question, answer', async () => {
    const f = bad('d.jsonl', JSON.stringify({ question: 'q', answer: 1 }));
    expect((await errorOf(loadMmluPath(f))).message).toBe(`${f}: row 1: no "choices" (or "options") list`);
    const g = bad('e.jsonl', JSON.stringify({ choices: ['a', 'b'], answer: 1 }));
    expect((await errorOf(loadMmluPath(g))).message).toMatch(/row 1: no "question" text/);
    const h = bad('f.jsonl', JSON.stringify({ question: 'q', choices: ['a', 'b'] }));
    expect((await errorOf(loadMmluPath(h))).message).toMatch(/row 1: no "answer" column/);
    const i = bad('g.jsonl', JSON.stringify({ question: 'q', choices: ['a', 'b'], answer: 'C' }));
    expect((await errorOf(loadMmluPath(i))).message).toMatch(/row 1: answer "C" is not a letter A-B/);
  });

  it('names a path with no MMLU data, or none at all', async () => {
    mkdirSync(join(root, 'empty'), { recursive: true });
    expect((await errorOf(loadMmluPath(join(root, 'empty')))).message).toMatch(/no MMLU data found/);
    expect((await errorOf(loadMmluPath(join(root, 'nope')))).message).toMatch(/nope: no such file or folder/);
    expect((await errorOf(loadMmluPath(bad('h.txt', 'x')))).message).toMatch(/unknown file type/);
  });
});

describe('limitPerSubject', () => {
  it('keeps the first n items of each subject in order', async () => {
    const suite = await loadMmluPath(join(root, 'mmlu'));
    expect(limitPerSubject(suite.items, 2).map((i) => i.meta?.subject)).toEqual(['abstract_algebra', 'abstract_algebra', 'philosophy', 'virology']);
    expect(limitPerSubject(suite.items, 0)).toEqual([]);
  });
});
