// After the last sample: score the stored run, write results.json, samples.csv and the HTML report.
import type { RunResults } from '../types.ts';
import { scoreRun } from '../scorers/score-run.ts';
import { writeResultsJson, writeSamplesCsv } from '../reports/results-files.ts';
import { RunStore } from '../runners/index.ts';
import { summarizeRunPerformance } from './performance.ts';
import type { Slo } from '../hardware-profiles/index.ts';

export interface FinishOptions {
  /** Run model-written code without a sandbox (only with an explicit flag). */
  unsafeJudge?: boolean;
  pistonUrls?: string[];
  slo?: Slo;
  report?: boolean;
  /** Called with a line to print (progress of the steps). */
  say?: (line: string) => void;
}

export async function finishRun(dir: string, opts: FinishOptions = {}): Promise<{ results: RunResults; reportFile?: string }> {
  const store = RunStore.openExisting(dir);
  const needsJudge = store.manifest()?.suites.some((s) => s.scorer === 'code') ?? false;
  store.close();
  const codeScorer = needsJudge
    ? async () => {
        const { createCodeScorer } = await import('../scorers/code.ts');
        return createCodeScorer({ unsafe: opts.unsafeJudge, ...(opts.pistonUrls?.length ? { backend: 'piston' as const, pistonUrls: opts.pistonUrls } : {}) });
      }
    : undefined;
  const results = await scoreRun(dir, { codeScorer });
  Object.assign(results, await summarizeRunPerformance(dir, { slo: opts.slo, results }));
  writeResultsJson(dir, results);
  writeSamplesCsv(dir);
  let reportFile: string | undefined;
  if (opts.report !== false) {
    const { writeReport } = await import('../reports/index.ts');
    reportFile = await writeReport(dir);
  }
  return { results, reportFile };
}
