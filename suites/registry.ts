// One line per suite: bundled sample suites by id, and the user's data as KIND:PATH.
import type { LoadedSuite } from '../types.ts';
import { homedir } from 'node:os';
import { basename, dirname, extname, resolve } from 'node:path';
import { DatasetError } from './table.ts';
import type { LoadOptions } from './load-options.ts';
import { hubSuiteName, isHubPath, resolveHubPath } from './hub/index.ts';
import { PRESETS, presetIdConflict, presetLoad } from './presets.ts';

export type { LoadOptions };

type BundledLoader = (opts: LoadOptions) => Promise<LoadedSuite>;
type FileLoader = (path: string, opts: LoadOptions) => Promise<LoadedSuite>;

export const bundledSuites: Record<string, BundledLoader> = {
  'aime-sample': async () => (await import('./aime/index.ts')).loadAimeSample(),
  'mmlu-sample': async () => (await import('./mmlu/index.ts')).loadMmluSample(),
  'codeforces-sample': async (o) => (await import('./codeforces/index.ts')).loadCodeforcesSample({ language: o.language }),
};

export const fileSuiteKinds: Record<string, FileLoader> = {
  math: async (p, o) => (await import('./aime/index.ts')).loadMathFile(p, o),
  aime: async (p, o) => (await import('./aime/index.ts')).loadAimeFile(p, o),
  mmlu: async (p, o) => (await import('./mmlu/index.ts')).loadMmluPath(p, o),
  codeforces: async (p, o) => (await import('./codeforces/index.ts')).loadCodeforcesFile(p, o),
  livecodebench: async (p, o) => (await import('./livecodebench/index.ts')).loadLiveCodeBenchPath(p, o),
  gpqa: async (p, o) => (await import('./gpqa/index.ts')).loadGpqaFile(p, o),
};

export class UnknownSuiteError extends Error {}

/** File names that say nothing about the data: the parent folder goes into the suite id. */
export const GENERIC_FILE_NAMES = ['test', 'train', 'validation', 'val', 'dev', 'eval', 'data', 'all', 'default'];

/** `aime:aime24/test` for ~/data/aime24/test.jsonl; null when the file's own name is telling (the loader names it). */
export function genericSuiteId(kind: string, path: string): string | null {
  const abs = resolve(path);
  const name = basename(abs, extname(abs));
  if (!GENERIC_FILE_NAMES.includes(name.toLowerCase())) return null;
  const parent = basename(dirname(abs));
  return parent ? `${kind}:${parent}/${name}` : null;
}

/** `~/data` → `$HOME/data`: the shell does not expand a ~ that follows `mmlu:`. */
export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
}

/** The same suite spec with its path made absolute, so that it can be loaded again from any directory (hf:// paths kept as they are). */
export function absoluteSpec(spec: string): string {
  const colon = spec.indexOf(':');
  if (bundledSuites[spec] || colon <= 0 || !fileSuiteKinds[spec.slice(0, colon)] || isHubPath(spec.slice(colon + 1))) return spec;
  return `${spec.slice(0, colon)}:${resolve(expandHome(spec.slice(colon + 1)))}`;
}

/** Loads a suite by bundled id or KIND:PATH. Throws UnknownSuiteError or DatasetError with a one-line message. */
export async function loadSuite(spec: string, opts: LoadOptions = {}): Promise<LoadedSuite> {
  const preset = PRESETS[spec];
  if (preset) {
    const p = presetLoad(preset, opts);
    if ('refused' in p) throw new UnknownSuiteError(p.refused);
    return { ...(await loadSuite(p.spec, p.opts)), samples: preset.samples };
  }
  const conflict = presetIdConflict(opts.suiteId, opts);
  if (conflict) throw new UnknownSuiteError(conflict);
  const bundled = bundledSuites[spec];
  let suite: LoadedSuite;
  if (bundled) suite = await bundled(opts);
  else {
    const colon = spec.indexOf(':');
    const kind = colon > 0 ? spec.slice(0, colon) : '';
    const loader = fileSuiteKinds[kind];
    if (!loader) {
      throw new UnknownSuiteError(
        `unknown suite "${spec}": use one of ${[...Object.keys(bundledSuites), ...Object.keys(PRESETS)].join(', ')} or KIND:PATH with KIND one of ${Object.keys(fileSuiteKinds).join(', ')}`,
      );
    }
    const path = spec.slice(colon + 1);
    if (isHubPath(path)) {
      // Fetched into huggingface_hub's cache at a commit; the loader reads the local copy, the suite records the pinned hf:// path.
      const hub = await resolveHubPath(path, { progress: (line) => process.stderr.write(`${line}\n`) });
      suite = { ...(await loader(hub.localPath, { ...opts, suiteId: opts.suiteId ?? `${kind}:${hubSuiteName(hub)}` })), source: hub.pinned };
    } else {
      const local = expandHome(path);
      suite = await loader(local, { ...opts, suiteId: opts.suiteId ?? genericSuiteId(kind, local) ?? undefined });
    }
  }
  if (suite.items.length === 0) throw new DatasetError(suite.source, null, `suite "${suite.id}" has no items`);
  return suite;
}
