// `r1bench suites`: what --suite accepts — bundled suites, presets of R1's table, and KIND:PATH kinds —
// each with where its data comes from. Reads nothing from the network.
import { PRESETS, PRESETS_LEFT_OUT } from '../suites/presets.ts';
import { bundledSuites, fileSuiteKinds } from '../suites/registry.ts';
import { benchOf } from '../reports/model-card.ts';
import type { Command } from './args.ts';

const BUNDLED: Record<string, { k: number; source: string }> = {
  'aime-sample': { k: 16, source: '36 AIME-style problems written for r1bench (integer answers 0-999)' },
  'mmlu-sample': { k: 4, source: '136 four-option questions in 17 subjects, written for r1bench' },
  'codeforces-sample': { k: 4, source: 'Codeforces-style problems rated 800-2200 with tests and checkers, written for r1bench' },
};

const KINDS: Record<string, string> = {
  math: 'JSONL, JSON, CSV or Parquet with problem and answer (or a solution with \\boxed{}); default k 16 if every answer is an integer, else 4',
  aime: 'as math, every answer an integer 0-999; k 16',
  mmlu: 'MMLU in any published layout (original CSV release, Parquet; MMLU-Pro); k 4',
  codeforces: 'problems in the open-r1/codeforces layout, JSONL or Parquet; k 4',
  livecodebench: 'LiveCodeBench code_generation_lite JSONL (a file or a folder of test*.jsonl) or Parquet; k 16',
  gpqa: 'GPQA CSV as published (Diamond, main, extended) or JSONL/Parquet with its columns; k 8',
};

export interface SuitesListing {
  bundled: { id: string; k: number; source: string }[];
  presets: { id: string; kind: string; benchmark: string; k: number; items: number | null; window: string | null; source: string; licence: string; referenceMark: boolean; note: string }[];
  leftOut: { id: string; why: string }[];
  kinds: { kind: string; reads: string }[];
}

export function suitesListing(): SuitesListing {
  return {
    bundled: Object.keys(bundledSuites).map((id) => ({ id, k: BUNDLED[id]?.k ?? 0, source: BUNDLED[id]?.source ?? 'bundled' })),
    presets: Object.values(PRESETS).map((p) => ({
      id: p.name,
      kind: p.kind,
      benchmark: p.benchmark,
      k: p.samples,
      items: p.items ?? null,
      window: p.options?.since ? `${p.options.since}..${p.options.until}` : null,
      source: p.path,
      licence: p.licence,
      referenceMark: benchOf(p.name) !== null,
      note: p.note,
    })),
    leftOut: Object.entries(PRESETS_LEFT_OUT).map(([id, why]) => ({ id, why })),
    kinds: Object.keys(fileSuiteKinds).map((kind) => ({ kind, reads: KINDS[kind] ?? '' })),
  };
}

function render(l: SuitesListing): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = ['Bundled suites (no download):'];
  for (const b of l.bundled) lines.push(`  ${pad(b.id, 18)} k ${pad(String(b.k), 3)} ${b.source}`);
  lines.push('', "Presets: R1's evaluation table, fetched from the Hugging Face Hub at a pinned commit:");
  for (const p of l.presets) {
    const extra = [p.items ? `${p.items} items` : null, p.window ? `window ${p.window}` : null, p.referenceMark ? 'model-card mark' : 'no model-card mark'].filter(Boolean).join(', ');
    lines.push(`  ${pad(p.id, 18)} k ${pad(String(p.k), 3)} ${p.benchmark} (${extra})`);
    lines.push(`  ${pad('', 24)} ${p.kind}:${p.source}`);
    lines.push(`  ${pad('', 24)} licence: ${p.licence}; ${p.note}`);
  }
  for (const o of l.leftOut) lines.push(`  ${pad(o.id, 18)} not available: ${o.why}`);
  lines.push('', 'Kinds, as --suite KIND:PATH (PATH a local file or folder, or hf://datasets/OWNER/NAME[@REVISION]/PATH):');
  for (const k of l.kinds) lines.push(`  ${pad(k.kind, 18)} ${k.reads}`);
  return lines.join('\n');
}

export const suitesCommand: Command = {
  name: 'suites',
  help: `r1bench suites [--json]

Lists what --suite accepts: the bundled sample suites, the presets of DeepSeek-R1's evaluation table
(each a KIND:hf://datasets/... path pinned to a commit, with R1's k and, for LiveCodeBench, its date
window) and the KIND:PATH kinds. --json prints the same as one JSON object.`,
  options: { json: { type: 'boolean' } },
  async run(v) {
    const l = suitesListing();
    process.stdout.write((v.json ? JSON.stringify(l, null, 2) : render(l)) + '\n');
    return 0;
  },
};
