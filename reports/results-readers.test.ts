// Every reader of results.json with a version 1 file (a fixture as r1bench 0.1 wrote it) and a
// version 2 file full of nulls (one-item suites, a rating with no finite value): no crash, no NaN,
// "n/a" or words where a number is missing. And the report's answer routes and truncated-with-box counts.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryTable } from '../cli/summary.ts';
import type { RunResults } from '../types.ts';
import { compareRuns } from './compare.ts';
import { renderCompareHtml, renderCompareText } from './compare-render.ts';
import { writeLeaderboard } from './leaderboard.ts';
import { writeReport } from './report.ts';
import { readResultsJson } from './results-files.ts';
import { buildFixtureRun } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-readers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const V1 = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'results-v1.json');

/** The page without its scripts (which say isNaN): what a reader sees. */
const shown = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, '');

function runDir(name: string, results?: RunResults): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  if (results) writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  else copyFileSync(V1, join(dir, 'results.json'));
  return dir;
}

/** A version 2 file as scoreRun now writes it for a one-item smoke run with nothing solved. */
function nullsV2(): RunResults {
  const v1 = JSON.parse(readFileSync(V1, 'utf8')) as RunResults;
  const one = { name: 'pass' as const, k: 1, value: 0, stderr: null, ci95: null, n: 1 };
  return {
    ...v1, schemaVersion: 2, runId: 'run-v2-nulls',
    suites: v1.suites.map((s) => ({
      ...s, items: 1, metrics: [one],
      ...(s.subjects ? { subjects: s.subjects.map((x) => ({ ...x, metrics: [one] })), categories: [], macroMetrics: [{ ...one, n: 2 }] } : {}),
      ...(s.rating ? { rating: { value: null, ci95: null, upperBound: 800, note: 'below the easiest rated problem (800): no problem solved' } } : {}),
    })),
  };
}

describe('version 1 results', () => {
  it('are read as they are, by the report, the CLI summary, compare and the leaderboard', async () => {
    const a = runDir('v1-a');
    const b = runDir('v1-b');
    expect(readResultsJson(a).schemaVersion).toBe(1);
    const html = readFileSync(await writeReport(a), 'utf8');
    expect(html).toContain('rating 0 [0, 0]');
    expect(shown(html)).not.toMatch(/NaN/);
    expect(summaryTable(readResultsJson(a))).toContain('pass@1       0.0%  ± 0.0  95% CI [0.0, 0.0]');
    const c = compareRuns([a, b]);
    expect(c.metrics.find((m) => m.suite === 'aime-sample')!.pairs[0]!.note).toBe('no stored verdicts (store.sqlite missing)');
    expect(renderCompareText(c)).not.toMatch(/NaN/);
    const rows = await writeLeaderboard([a, b], join(root, 'site-v1'));
    expect(rows.map((r) => r.rank)).toEqual([1, 2]);
  });
});

describe('version 2 results with null intervals and ratings', () => {
  const dir = runDir('v2-nulls', nullsV2());

  it('the report says "n/a" and "below 800" in words, never NaN', async () => {
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(shown(html)).not.toMatch(/NaN|undefined|null\]/);
    const row = (suite: string) => html.match(new RegExp(`<tr><td>${suite}</td>.*?</tr>`))![0];
    expect(row('aime-sample')).toContain('<b>0.0%</b> <span class="muted">n/a</span>');
    expect(row('codeforces-sample')).toContain('rating below 800 (no problem solved: below the easiest rated problem)');
    expect(html).toContain('solve rate by problem rating — estimated rating below 800');
  });

  it('the CLI summary says there is no interval and where the rating lies', () => {
    const text = summaryTable(readResultsJson(dir));
    expect(text).toContain('pass@1       0.0%  95% CI n/a (one item: no interval)');
    expect(text).toContain('estimated rating below 800 (no problem solved: below the easiest rated problem)');
    expect(text).not.toMatch(/NaN/);
  });

  it('compare, its HTML page and the leaderboard CSV leave the missing interval empty', async () => {
    const c = compareRuns([runDir('v1-c'), dir]);
    expect(renderCompareHtml(c)).toContain('0.0% n/a');
    expect(renderCompareText(c)).not.toMatch(/NaN/);
    await writeLeaderboard([dir], join(root, 'site-v2'));
    const csv = readFileSync(join(root, 'site-v2', 'leaderboard.csv'), 'utf8').split('\n')[1]!;
    expect(csv).toMatch(/,0,,,0,,,0,,,/); // three suites: value 0, no interval ends
    expect(shown(readFileSync(join(root, 'site-v2', 'index.html'), 'utf8'))).not.toMatch(/NaN/);
  });
});

describe('answer routes and truncated samples with a box', () => {
  it('the report and summary show how answers were found and warn about cut-off boxed samples', async () => {
    const dir = join(root, 'routes');
    // 20 items × 5 samples: sample 4 cut off (a box in 3 of those), sample 3 from an answer line on even items, the last number on item 0.
    const r = buildFixtureRun(dir, {
      suites: [{
        id: 'math500', items: 20, samples: 5, correct: (i, k) => (i + k) % 3 !== 0,
        finish: (_i, k) => (k === 4 ? 'length' : 'stop'),
        truncatedWithBox: (i, k) => k === 4 && i < 3,
        route: (i, k) => (i === 0 && k === 0 ? 'last-number' : k === 3 && i % 2 === 0 ? 'answer-line' : 'boxed'),
      }],
    });
    const s = r.suites[0]!;
    expect(s.answerRoutes).toEqual({ boxed: 69, 'answer-line': 10, 'last-number': 1 });
    expect(s.truncatedWithBox).toBe(3);
    const html = readFileSync(await writeReport(dir), 'utf8');
    expect(html).toContain('86% boxed (69), 13% answer line (10), 1% last number (1)');
    expect(html).toContain('<li>math500: 3 truncated samples had a box: raise --max-tokens (cut-off samples are never scored)</li>');
    const text = summaryTable(r);
    expect(text).toContain('  answers: 86% boxed (69), 13% answer line (10), 1% last number (1)');
    expect(text).toContain('  warning: 3 truncated samples had a box: raise --max-tokens');
  });
});
