// Report at full-MMLU scale: a synthetic 14,042-item run (reasoning of realistic length), timed
// report generation, page and companion sizes, and the page's load time in Chromium when present.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../reports/index.ts';
import { buildFixtureRun, chance, itemSkill } from '../reports/testing/fixture-run.ts';
import type { BenchRow } from './row.ts';

export const FULL_MMLU_ITEMS = 14_042;
const SUBJECTS = 57;
const CATEGORIES = ['STEM', 'humanities', 'social sciences', 'other'];
const PHRASES = ['Let me consider option A. ', 'Hmm, that contradicts the premise. ', 'Wait, re-reading the question: ', 'So the key fact is that the rate doubles. ', 'Checking B against the definition. ', 'Alternatively, eliminate C and D. '];

/** Reasoning of 1,500 to 12,000 characters, like R1's on MMLU. */
function reasoning(i: number): string {
  const target = 1_500 + Math.floor(chance(11, i) * 10_500);
  const parts: string[] = [];
  for (let n = 0, j = 0; n < target; j++) {
    const p = PHRASES[Math.floor(chance(12, i, j) * PHRASES.length)]!;
    parts.push(p);
    n += p.length;
  }
  return parts.join('');
}

export async function benchReport(items = FULL_MMLU_ITEMS): Promise<{ rows: BenchRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'r1-bench-report-'));
  try {
    const t0 = performance.now();
    buildFixtureRun(dir, {
      model: 'deepseek-r1',
      memory: true,
      suites: [{
        id: 'mmlu', scorer: 'choice', items, samples: 1,
        correct: (i, k) => chance(5, i, k) < itemSkill(i),
        text: (i) => ({ reasoning: reasoning(i), answer: `The evidence points to one option.\n\nAnswer: ${'ABCD'[i % 4]}` }),
        subject: (i) => ({ subject: `subject_${String(i % SUBJECTS).padStart(2, '0')}`, category: CATEGORIES[i % SUBJECTS % 4]! }),
      }],
    });
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    const file = await writeReport(dir);
    const renderMs = performance.now() - t1;
    const mb = (f: string) => statSync(f).size / 2 ** 20;
    const rows: BenchRow[] = [
      { name: `synthetic run store (${items} items)`, value: buildMs / 1000, unit: 's', target: 'setup, not a target' },
      { name: 'report generation', value: renderMs / 1000, unit: 's', target: '< 30 s' },
      { name: 'report.html size', value: mb(file), unit: 'MB', target: '< 15 MB' },
      { name: 'report.samples.jsonl size (full texts)', value: mb(join(dir, 'report.samples.jsonl')), unit: 'MB', target: 'no limit (beside the report)' },
    ];
    const { haveChromium, launch, open } = await import('../test/browser/browser.ts');
    if (haveChromium) {
      const ctx = await launch();
      try {
        const t2 = performance.now();
        const { page, problems } = await open(ctx, file);
        rows.push({ name: `report load in Chromium${problems.length ? ` (${problems.length} errors)` : ''}`, value: (performance.now() - t2) / 1000, unit: 's', target: '< 5 s' });
        const sortMs = await page.evaluate(() => {
          const t = performance.now();
          (document.querySelector('#items-mmlu thead th:nth-child(2)') as HTMLElement).click();
          return performance.now() - t;
        });
        rows.push({ name: `sort ${items} item rows in Chromium`, value: sortMs / 1000, unit: 's', target: '< 2 s' });
        const searchMs = await page.evaluate(async () => {
          const box = document.querySelector('input.item-search') as HTMLInputElement;
          const t = performance.now();
          box.value = 'contradicts';
          box.dispatchEvent(new Event('input'));
          while (!(box.nextElementSibling as HTMLElement).textContent) await new Promise((r) => setTimeout(r, 20));
          return performance.now() - t;
        });
        rows.push({ name: `search texts of ${items} items in Chromium`, value: searchMs / 1000, unit: 's', target: '< 2 s' });
      } finally {
        await ctx.close();
      }
    }
    return { rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of (await benchReport()).rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (target ${r.target})`);
}
