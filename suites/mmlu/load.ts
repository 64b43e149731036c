// mmlu:PATH — reads the user's MMLU files unchanged, in whichever layout they come, into suite items.
import { readFileSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import type { Item, LoadedSuite } from '../../types.ts';
import type { LoadOptions } from '../load-options.ts';
import { DatasetError, itemId, readTable, sha256 } from '../table.ts';
import { categoryOf, normalizeSubject } from './categories.ts';
import { parseCsv } from '../csv.ts';
import { detectLayout, subjectFromPath, type Layout } from './layout.ts';
import { buildPrompt, questionBlock } from './prompt.ts';
import { fromCsvRecord, fromTableRow, type MmluRow } from './rows.ts';

export const MMLU_VERSION = 1;
export const MMLU_SAMPLES = 4;

interface FileRows {
  file: string;
  hash: string;
  rows: MmluRow[];
}

/** A header-less CSV whose sixth field is a letter is the original layout, whatever its name. */
function looksOriginal(records: { fields: string[] }[]): boolean {
  const first = records[0]?.fields;
  return !!first && first.length === 6 && /^\s*[A-Da-d]\s*$/.test(first[5]!);
}

async function readRows(file: string, layout: Layout['kind']): Promise<FileRows> {
  const subject = normalizeSubject(subjectFromPath(file));
  if (extname(file).toLowerCase() === '.csv') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new DatasetError(file, null, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const records = parseCsv(bytes.toString('utf8'));
    if (layout === 'original-csv' || looksOriginal(records))
      return { file, hash: sha256(bytes), rows: records.map((r) => fromCsvRecord(file, r.line, r.fields, subject)) };
  }
  const table = await readTable(file);
  return { file, hash: table.contentHash, rows: table.rows.map((r) => fromTableRow(file, r.row, r.data, subject)) };
}

/** Keep files whose subject is wanted before reading them: in the original layout a file is one subject. */
function wantedFile(file: string, layout: Layout['kind'], wanted: Set<string> | null): boolean {
  return !wanted || layout !== 'original-csv' || wanted.has(normalizeSubject(subjectFromPath(file)));
}

export async function loadMmluPath(path: string, opts: LoadOptions = {}): Promise<LoadedSuite> {
  const source = resolve(path);
  const layout = detectLayout(source);
  const wanted = opts.subjects?.length ? new Set(opts.subjects.map(normalizeSubject)) : null;
  const fewShot = opts.fewShot ?? 0;
  if (!Number.isInteger(fewShot) || fewShot < 0) throw new DatasetError(source, null, `few-shot count ${fewShot} must be a whole number ≥ 0`);
  if (fewShot > 0 && layout.dev.length === 0)
    throw new DatasetError(source, null, `few-shot needs dev examples: no data/dev/<subject>_dev.csv or *dev* file found`);

  const testFiles = await Promise.all(layout.test.filter((f) => wantedFile(f, layout.kind, wanted)).map((f) => readRows(f, layout.kind)));
  const devFiles = fewShot > 0 ? await Promise.all(layout.dev.filter((f) => wantedFile(f, layout.kind, wanted)).map((f) => readRows(f, layout.kind))) : [];

  const rows = testFiles.flatMap((f) => f.rows);
  if (wanted) {
    const present = new Set(rows.map((r) => r.subject));
    const missing = [...wanted].filter((s) => !present.has(s));
    if (missing.length) throw new DatasetError(source, null, `no questions for subject ${missing.map((s) => `"${s}"`).join(', ')} in this data`);
  }
  const examples = new Map<string, MmluRow[]>();
  for (const r of devFiles.flatMap((f) => f.rows)) {
    const list = examples.get(r.subject) ?? [];
    if (list.length < fewShot) examples.set(r.subject, [...list, r]);
  }

  // Deterministic order: by subject, then file order (files are sorted, rows in file order; the sort is stable).
  const kept = rows.filter((r) => !wanted || wanted.has(r.subject)).sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  const blocks = kept.map(questionBlock);
  const ids = uniqueIds(kept.map((r, i) => itemId(r.id === undefined ? {} : { id: r.id }, `${r.subject}\n${blocks[i]}`)));
  const items: Item[] = kept.map((r, i) => {
    const block = blocks[i]!;
    return {
      id: ids[i]!,
      prompt: buildPrompt(r, examples.get(r.subject) ?? [], block),
      reference: { kind: 'choice', answer: r.answer, choices: r.choices },
      meta: { subject: r.subject, category: categoryOf(r.subject) },
    };
  });

  const read = [...testFiles, ...devFiles].map((f) => `${relative(source, f.file) || basename(f.file)}\t${f.hash}`).sort();
  return {
    id: opts.suiteId ?? `mmlu:${basename(source, extname(source))}`,
    version: MMLU_VERSION,
    scorer: 'choice',
    samples: MMLU_SAMPLES,
    contentHash: sha256(read.join('\n')),
    source,
    items,
  };
}

/** Published MMLU repeats a few questions verbatim, and files may repeat an explicit id: the first
 * occurrence keeps its id, each repeat gets the first free `ID-N` (N = 2, 3, ...), skipping every id
 * that appears anywhere in the data, so a generated id never takes an explicit one (`q1`, `q1`, `q1-2`). */
export function uniqueIds(ids: string[]): string[] {
  const taken = new Set(ids);
  const used = new Set<string>();
  const next = new Map<string, number>();
  return ids.map((id) => {
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
    let n = next.get(id) ?? 2;
    while (taken.has(`${id}-${n}`)) n++;
    next.set(id, n + 1);
    const fresh = `${id}-${n}`;
    taken.add(fresh);
    used.add(fresh);
    return fresh;
  });
}

/** At most `n` items per subject, keeping their order (the CLI's --limit-per-subject). */
export function limitPerSubject(items: Item[], n: number): Item[] {
  const counts = new Map<string, number>();
  return items.filter((item) => {
    const subject = String(item.meta?.subject ?? '');
    const c = counts.get(subject) ?? 0;
    counts.set(subject, c + 1);
    return c < n;
  });
}
