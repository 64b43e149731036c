// R1's evaluation table by name: each preset is a KIND:hf:// spec pinned to a commit, with the protocol
// DeepSeek used (k, subset, date window). A preset's suite id is its name, so reports can match it to
// the model card's number exactly (reports/model-card.ts). Repositories, layouts, licences and commits
// were looked up on the Hub (2026); a preset whose copy could not be confirmed is not here.
import type { LoadOptions } from './load-options.ts';

export interface Preset {
  name: string;
  /** The suite kind that reads the file (registry's fileSuiteKinds). */
  kind: 'math' | 'aime' | 'mmlu' | 'gpqa' | 'livecodebench' | 'codeforces';
  /** hf://datasets/OWNER/NAME@COMMIT[/PATH] */
  path: string;
  /** What DeepSeek's table calls it. */
  benchmark: string;
  /** R1's k for the benchmark (R1-PROTOCOL.md: 64 AIME, 4 MATH-500, 8 GPQA, 16 LiveCodeBench; the paper's
   * smallest k, 4, where it names none: MMLU, MMLU-Pro, Codeforces). */
  samples: number;
  /** Items of the published benchmark: a run with fewer (--limit, --subjects) is a subset. */
  items?: number;
  /** Fixed loader options (the benchmark's date window); flags may not change them. */
  options?: Pick<LoadOptions, 'since' | 'until'>;
  licence: string;
  /** Why this copy, and what differs from DeepSeek's own evaluation. */
  note: string;
}

export const PRESETS: Record<string, Preset> = {
  aime24: {
    name: 'aime24', kind: 'aime', benchmark: 'AIME 2024', samples: 64, items: 30,
    path: 'hf://datasets/HuggingFaceH4/aime_2024@2fe88a2f1091d5048c0f36abc874fb997b3dd99a/data/train-00000-of-00001.parquet',
    licence: 'none stated (upstream AI-MO/aimo-validation-aime: Apache-2.0)',
    note: 'AIME 2024 I and II, 30 problems (split named train); the copy lighteval and open-r1 evaluate',
  },
  aime25: {
    name: 'aime25', kind: 'aime', benchmark: 'AIME 2025', samples: 64, items: 30,
    path: 'hf://datasets/math-ai/aime25@563bb8404243c5f09de6ec262f2db674fe5bce9b/test.jsonl',
    licence: 'Apache-2.0',
    note: 'AIME 2025 I and II, 30 problems; DeepSeek published no AIME 2025 number for R1 (January 2025), so no reference mark',
  },
  math500: {
    name: 'math500', kind: 'math', benchmark: 'MATH-500', samples: 4, items: 500,
    path: 'hf://datasets/HuggingFaceH4/MATH-500@ff5b20257d8185524591543f8ff5993951537bb8/test.jsonl',
    licence: 'MIT (from MATH)',
    note: "OpenAI's 500-problem MATH subset (PRM800K), the set R1's MATH-500 number is for",
  },
  'gpqa-diamond': {
    name: 'gpqa-diamond', kind: 'gpqa', benchmark: 'GPQA Diamond', samples: 8, items: 198,
    path: 'hf://datasets/Idavidrein/gpqa@633f5ee89ab8ad4522a9f850766b73f62147ffdd/gpqa_diamond.csv',
    licence: 'CC BY 4.0, gated: accept the terms on the Hub and set HF_TOKEN',
    note: 'the published CSV unchanged, 198 questions; options shuffled per sample',
  },
  livecodebench: {
    name: 'livecodebench', kind: 'livecodebench', benchmark: 'LiveCodeBench (2024-08 to 2025-01)', samples: 16,
    path: 'hf://datasets/livecodebench/code_generation_lite@0fe84c3912ea0c4d4a78037083943e8f0c4dd505',
    options: { since: '2024-08-01', until: '2025-01-31' },
    licence: 'CC (variant not stated); problems from LeetCode, AtCoder and Codeforces',
    note: "the release's test*.jsonl files (several GB) filtered to R1's window 2024-08-01..2025-01-31",
  },
  codeforces: {
    name: 'codeforces', kind: 'codeforces', benchmark: "open-r1's Codeforces test split", samples: 4,
    path: 'hf://datasets/open-r1/codeforces@fbe3f6e903ee854eec2e69e9d96d0306cde59baf/data/test-00000-of-00001.parquet',
    licence: 'ODC-By 4.0',
    note: "open-r1's held-out problems; not the 10 Div. 2 contests R1's rating 2029 was measured on, so no reference mark",
  },
  mmlu: {
    name: 'mmlu', kind: 'mmlu', benchmark: 'MMLU', samples: 4, items: 14042,
    path: 'hf://datasets/cais/mmlu@c30699e8356da336a370243923dbaf21066bb9fe/all/test-00000-of-00001.parquet',
    licence: 'MIT',
    note: 'all 57 subjects, test split, zero-shot',
  },
  'mmlu-pro': {
    name: 'mmlu-pro', kind: 'mmlu', benchmark: 'MMLU-Pro', samples: 4, items: 12032,
    path: 'hf://datasets/TIGER-Lab/MMLU-Pro@b189ec765aa7ed75c8acfea42df31fdae71f97be/data/test-00000-of-00001.parquet',
    licence: 'MIT',
    note: 'test split, ten options (A-J), zero-shot',
  },
};

/** Presets left out, and why (listed by `r1bench suites`). */
export const PRESETS_LEFT_OUT: Record<string, string> = {
  'mmlu-redux':
    'edinburgh-dawg/mmlu-redux-2.0 ships Arrow files per subject (Parquet only on refs/convert/parquet, without a subject column); the mmlu loader reads neither as published',
};

/** The KIND:hf:// spec and options a preset loads with, or why not: a flag may not change its window. */
export function presetLoad(preset: Preset, opts: LoadOptions): { spec: string; opts: LoadOptions } | { refused: string } {
  if (preset.options && opts.difficulties?.length)
    return { refused: `suite ${preset.name}: R1's number is for every difficulty; for a subset use --suite ${preset.kind}:${preset.path} --suite-id NAME` };
  for (const key of ['since', 'until'] as const) {
    const fixed = preset.options?.[key];
    if (fixed && opts[key] !== undefined && opts[key] !== fixed)
      return { refused: `suite ${preset.name}: the preset fixes --${key} ${fixed} (R1's window); for another window use --suite ${preset.kind}:${preset.path} --suite-id NAME` };
  }
  return { spec: `${preset.kind}:${preset.path}`, opts: { ...opts, ...preset.options, suiteId: opts.suiteId ?? preset.name } };
}

/** A suite named after a preset (--suite-id livecodebench) must keep the preset's window, or its reference mark would mislead. */
export function presetIdConflict(suiteId: string | undefined, opts: LoadOptions): string | null {
  const preset = suiteId ? PRESETS[suiteId] : undefined;
  if (preset?.options && opts.difficulties?.length) return `suite id ${suiteId} is the preset's, for every difficulty: leave out --difficulty, or give another --suite-id`;
  for (const key of ['since', 'until'] as const) {
    const fixed = preset?.options?.[key];
    if (fixed && opts[key] !== fixed) return `suite id ${suiteId} is the preset's, for R1's window: give --${key} ${fixed} with it, or another --suite-id`;
  }
  return null;
}
