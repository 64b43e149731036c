import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capPerSample, capText } from './drilldown.ts';
import { writeReport } from './report.ts';
import { buildFixtureRun } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-rep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const EVIL = `</pre></details><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'"&`;
const LONG = 'a'.repeat(20_000) + 'MIDDLE' + 'z'.repeat(20_000);

describe('writeReport', () => {
  const dir = join(root, 'run');
  buildFixtureRun(dir, {
    model: 'DeepSeek-R1-Distill-Qwen-7B',
    memory: true,
    suites: [
      { id: 'aime24', items: 6, samples: 4, correct: (i, k) => (i + k) % 3 > 0, text: (i, k) => ({ reasoning: i === 0 && k === 0 ? LONG : `step ${i}/${k}`, answer: i === 1 ? EVIL : '\\boxed{42}' }) },
      { id: 'mmlu', scorer: 'choice', items: 8, samples: 1, correct: (i) => i % 2 === 0, subject: (i) => ({ subject: `s${i % 3}`, category: i % 3 ? 'STEM' : 'other' }) },
    ],
  });

  it('writes one self-contained page beside the run and a companion file with full texts', async () => {
    const file = await writeReport(dir);
    expect(file).toBe(join(dir, 'report.html'));
    const html = readFileSync(file, 'utf8');
    // Nothing fetched from anywhere: no external scripts, styles, fonts or images.
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)=/i);
    expect(html).not.toMatch(/url\((?!#)|@import|https?:\/\/(?!127\.0\.0\.1|www\.w3\.org\/2000\/svg)/);
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
    expect(html.match(/<svg/g)!.length).toBeGreaterThan(8);
    expect(html).toContain('DeepSeek-R1 (model card)');
    const lines = readFileSync(join(dir, 'report.samples.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6 * 4 + 8);
    expect(lines.find((l) => l.item === 'aime24-00000' && l.sample === 0).reasoning).toBe(LONG);
  });

  it('shows model text only escaped', async () => {
    const html = readFileSync(await writeReport(dir, join(root, 'r.html')), 'utf8');
    expect(html).not.toContain('<script>window.__pwned');
    expect(html).not.toContain('<img src=x');
    // Texts travel as JSON for the drill-down script, every < escaped so nothing can end the element.
    expect(html).toContain(String.raw`\u003c/pre>\u003c/details>\u003cscript>window.__pwned=1\u003c/script>\u003cimg src=x onerror=\"window.__pwned=2\">'\"&`);
    const json = html.match(/<script type="application\/json" id="data-items-aime24">([^<]*)<\/script>/)![1]!;
    expect(JSON.parse(json)[1][0][6]).toBe(EVIL);
    expect(existsSync(join(root, 'r.samples.jsonl'))).toBe(true);
  });

  it('caps long texts in the page, keeping the start and the end', () => {
    const c = capText(LONG, 1000);
    expect(c.cut).toBe(LONG.length - 1000);
    expect(c.text.startsWith('a'.repeat(500) + '\n… [39,006 characters omitted]')).toBe(true);
    expect(c.text.endsWith('z'.repeat(500))).toBe(true);
    expect(capText('short', 1000)).toEqual({ text: 'short', cut: 0 });
    expect(capPerSample(14_042)).toBeLessThan(600);
    expect(capPerSample(30)).toBe(6000);
  });

  it('summarizes each suite with the numbers results.json holds: macro average, estimated rating, errors', async () => {
    const d = join(root, 'summary');
    const r = buildFixtureRun(d, {
      suites: [
        // Subjects s0, s1, s2 at 2/3, 2/3, 1/2: the macro average 11/18 (61.1%) differs from the micro 5/8.
        { id: 'mmlu', scorer: 'choice', items: 8, samples: 1, correct: (i) => i < 5, subject: (i) => ({ subject: `s${i % 3}`, category: i % 3 ? 'stem' : 'other' }) },
        // Ratings 800, 1200, 1600 solved 1, 1/2, 0 give 1200; one request failed.
        { id: 'cf', scorer: 'code', items: 3, samples: 2, correct: (i, k) => i === 0 || (i === 1 && k === 0), error: (i, k) => i === 2 && k === 1, rating: (i) => 800 + 400 * i },
      ],
    });
    const html = readFileSync(await writeReport(d), 'utf8');
    const row = (suite: string) => html.match(new RegExp(`<tr><td>${suite}</td>.*?</tr>`))![0];
    expect(r.suites[0]!.macroMetrics![0]!.value).toBeCloseTo(11 / 18, 12);
    expect(row('mmlu')).toContain('<b>62.5%</b>'); // micro, the headline
    expect(row('mmlu')).toMatch(/<td>0<\/td><td>macro 61\.1%<\/td><td>–<\/td><\/tr>$/);
    const ci95 = r.suites[1]!.rating!.ci95!;
    expect(row('cf')).toMatch(new RegExp(`<td>1</td><td>rating 1200 \\[${Math.round(ci95[0])}, ${Math.round(ci95[1])}\\]</td><td>–</td></tr>$`));
    expect(html).toContain('cf: solve rate by problem rating — estimated rating 1200');
    expect(html).toContain('mmlu: accuracy per subject');
  });

  it('fails with one line when results.json is missing', async () => {
    await expect(writeReport(join(root, 'empty-nothing'))).rejects.toThrow(/^run directory not found: /);
  });
});
