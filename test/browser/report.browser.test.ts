// The generated pages in a real browser: no errors, charts drawn, sorting, filtering, drill-down,
// and model output that tries to run script stays text.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, renderCompareHtml, writeLeaderboard, writeReport } from '../../reports/index.ts';
import { buildFixtureRun } from '../../reports/testing/fixture-run.ts';
import type { RunResults } from '../../types.ts';
import { leaderboardRuns } from '../../reports/testing/fixture-sets.ts';
import { haveChromium, launch, open, CHROMIUM_PATH } from './browser.ts';
import { writeFileSync } from 'node:fs';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const EVIL_REASONING = 'Thinking... <script>window.__pwned = "script"</script> still thinking';
const EVIL_ANSWER = 'Final: <img src=x onerror="window.__pwned = \'img\'"> \\boxed{7}';

if (!haveChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);

describe.skipIf(!haveChromium)('pages in headless Chromium', () => {
  const root = mkdtempSync(join(tmpdir(), 'r1-browser-'));
  let ctx: BrowserContext;
  let report: string;
  let results: RunResults;
  beforeAll(async () => {
    const dir = join(root, 'run');
    results = buildFixtureRun(dir, {
      model: 'DeepSeek-R1-Distill-Qwen-14B',
      memory: true,
      hardware: { id: 'h200x1', host: { cpu: 'Xeon', cores: 16, memoryGb: 128, gpus: [{ name: 'NVIDIA H200', memoryMb: 143771 }] }, declared: { engine: 'vllm' } },
      bench: { schemaVersion: 1, kind: 'bench', curve: [1, 4, 16, 64].map((c) => ({ mode: 'concurrency', load: c, outputTokensPerSec: 35 * c ** 0.7, requestsPerSec: c / 20 })) },
      suites: [
        { id: 'aime24', items: 30, samples: 8, correct: (i, k) => (i * 7 + k * 3) % 10 < 6, finish: (i, k) => ((i + k) % 19 === 0 ? 'length' : 'stop'), error: (i, k) => i === 5 && k === 7,
          truncatedWithBox: (i, k) => (i + k) % 19 === 0 && i % 2 === 0, route: (i, k) => (k === 7 ? 'answer-line' : i === 3 && k === 0 ? 'last-number' : 'boxed'),
          text: (i, k) => (i === 0 && k === 0 ? { reasoning: EVIL_REASONING, answer: EVIL_ANSWER } : { reasoning: `Let me work through item ${i}. `.repeat(5 + ((i * k) % 40)), answer: `\\boxed{${i}}` }) },
        { id: 'mmlu', scorer: 'choice', items: 120, samples: 1, correct: (i) => (i * 37) % 100 < 70,
          subject: (i) => ({ subject: ['algebra', 'anatomy', 'law', 'virology', 'ethics', 'econometrics'][i % 6]!, category: ['STEM', 'STEM', 'humanities', 'other', 'humanities', 'social sciences'][i % 6]! }) },
        { id: 'codeforces', scorer: 'code', items: 24, samples: 2, correct: (i, k) => (i + k) % 4 < 3 - Math.floor(i / 8), rating: (i) => 800 + 400 * Math.floor(i / 8) },
      ],
    });
    report = await writeReport(dir);
    ctx = await launch();
  });
  afterAll(async () => {
    await ctx?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('report: sections far below are laid out only when reached, and an anchor, find in page and the drill-down still reach them', async () => {
    const { page } = await open(ctx, report);
    const last = page.locator('section').last();
    const id = await last.getAttribute('id');
    expect(await last.evaluate((el) => getComputedStyle(el).contentVisibility)).toBe('auto');
    // Find in page searches skipped content too: the last section's heading is found from the top.
    const heading = (await last.locator('h2').textContent())!; // innerText is empty until the section is laid out
    expect(heading).toMatch(/^Items: /);
    expect(await page.evaluate((text) => (window as unknown as { find(s: string): boolean }).find(text), heading)).toBe(true);
    // A link to the section opens the page there (its top in the viewport; the last section may not reach the top).
    const linked = await ctx.newPage();
    await linked.goto(`file://${report}#${id}`);
    const top = await linked.evaluate((sid) => [document.getElementById(sid!)!.getBoundingClientRect().top, innerHeight, scrollY], id);
    expect(top[0]).toBeGreaterThan(-5);
    expect(top[0]).toBeLessThan(top[1]!);
    expect(top[2]).toBeGreaterThan(1000); // scrolled far down to get there
    const item = linked.locator('#items-codeforces tbody tr').last();
    await item.locator('span.show').click();
    expect(await linked.locator('#items-codeforces div.samples').last().isVisible()).toBe(true);
  });

  it('report: loads with no errors and no requests, charts drawn', async () => {
    const { page, problems, requests } = await open(ctx, report);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const charts = await page.$$eval('.chart', (els) =>
      els.map((el) => ({ title: el.querySelector('h3')?.textContent ?? '', marks: el.querySelectorAll('svg path, svg rect, svg circle, svg line').length, width: Math.max(0, ...Array.from(el.querySelectorAll('svg')).map((s) => s.getBoundingClientRect().width)), empty: el.classList.contains('empty') })),
    );
    const drawn = charts.filter((c) => !c.empty);
    expect(drawn.length).toBeGreaterThanOrEqual(12);
    for (const c of drawn) expect(c.marks, c.title).toBeGreaterThan(5), expect(c.width, c.title).toBeGreaterThan(100);
    // The summary shows what the scorers computed: MMLU's macro average, the estimated rating, the failed request.
    const summary = await page.$$eval('#summary tbody tr', (rows) => rows.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent ?? '')));
    const [aime, mmlu, cf] = results.suites;
    const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(summary.map((r) => [r[0], r[8]])).toEqual([['aime24', String(aime!.errors)], ['mmlu', '0'], ['codeforces', '0']]);
    expect(aime!.errors).toBe(1);
    expect(summary[1]![9]).toBe(`macro ${pct1(mmlu!.macroMetrics![0]!.value)}`);
    expect(mmlu!.macroMetrics![0]!.value).not.toBe(mmlu!.metrics[0]!.value);
    const rating = cf!.rating!;
    expect(summary[2]![9]).toBe(`rating ${Math.round(rating.value!)} [${Math.round(rating.ci95![0])}, ${Math.round(rating.ci95![1])}]`);
    expect(charts.some((c) => c.title.includes(`solve rate by problem rating — estimated rating ${Math.round(rating.value!)}`))).toBe(true);
    // How answers were found, and the cut-off samples that held a box: visible at a glance.
    const routes = aime!.answerRoutes!;
    const answered = routes.boxed! + routes['answer-line']! + routes['last-number']!;
    expect(summary[0]![10]).toBe(`${Math.round((100 * routes.boxed!) / answered)}% boxed (${routes.boxed}), ${Math.round((100 * routes['answer-line']!) / answered)}% answer line (${routes['answer-line']}), <1% last number (1)`);
    expect(summary[1]![10]).toBe('–'); // choice suites have no math routes
    expect(aime!.truncatedWithBox).toBeGreaterThan(0);
    const warning = page.locator('#summary-warnings li', { hasText: 'had a box' });
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.innerText()).toBe(`aime24: ${aime!.truncatedWithBox} truncated samples had a box: raise --max-tokens (cut-off samples are never scored)`);
    for (const title of ['Score per suite', 'pass@k and cons@k', 'accuracy per subject', 'accuracy per category', 'solve rate by problem rating', 'Reasoning length', 'Truncation', 'TTFT', 'TTFA', 'TPOT', 'Throughput vs concurrency', 'Memory over time'])
      expect(drawn.some((c) => c.title.includes(title)), title).toBe(true);
  });

  it('report: model output with <script> and <img onerror> shows as text and runs nothing', async () => {
    const { page, problems } = await open(ctx, report);
    const item = page.locator('#items-aime24 tbody tr').first();
    await item.locator('span.show').click();
    const sample = item.locator('details.sample').first();
    expect(await sample.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await sample.locator('summary').click();
    expect(await sample.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const texts = await sample.locator('pre.text').allInnerTexts();
    expect(texts).toEqual([EVIL_REASONING, EVIL_ANSWER]);
    await page.waitForTimeout(200); // give an injected onerror the chance to fire
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('main script:not([type="application/json"])').count()).toBe(0);
    await item.locator('span.show').click(); // closes again
    expect(await item.locator('div.samples').isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it('report: items sort by a column and filter by search', async () => {
    const { page } = await open(ctx, report);
    const firstCells = () => page.$$eval('#items-aime24 tbody tr', (rows) => rows.filter((r) => (r as HTMLElement).style.display !== 'none').map((r) => (r as HTMLTableRowElement).cells[1]!.textContent!));
    const asNumbers = (xs: string[]) => xs.map((x) => parseFloat(x));
    await page.locator('#items-aime24 thead th', { hasText: 'pass@1' }).click();
    const asc = asNumbers(await firstCells());
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(asc[0]).toBeLessThan(asc[asc.length - 1]!);
    await page.locator('#items-aime24 thead th', { hasText: 'pass@1' }).click();
    const desc = asNumbers(await firstCells());
    expect(desc).toEqual([...asc].reverse());
    await page.locator('input[data-table="items-aime24"]').fill('aime24-00017');
    await page.waitForFunction(() => document.querySelectorAll('#items-aime24 tbody tr:not([style*="none"])').length === 1);
    expect(await page.locator('#items-aime24 tbody tr:visible td').first().innerText()).toBe('aime24-00017');
  });

  it('report: a screenshot a person can look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page } = await open(ctx, report);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-top.png'), clip: { x: 0, y: 0, width: 1280, height: 1800 }, fullPage: true });
    await page.locator('#performance').screenshot({ path: join(SCREENSHOTS, 'report-performance.png') });
  });

  it('compare page: no errors, a difference chart, sortable tables', async () => {
    const other = join(root, 'other');
    buildFixtureRun(other, { runId: 'other', suites: [{ id: 'aime24', items: 30, samples: 8, correct: (i, k) => (i * 7 + k * 5) % 10 < 4 }] });
    const file = join(root, 'compare.html');
    writeFileSync(file, renderCompareHtml(compareRuns([join(root, 'run'), other])));
    const { page, problems, requests } = await open(ctx, file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.locator('.chart svg circle').count()).toBeGreaterThan(0);
    await page.locator('#diffs thead th', { hasText: 'items' }).click();
    expect(await page.locator('#diffs thead th[data-dir=asc]').innerText()).toContain('items');
    expect(await page.locator('#diffs tbody tr').first().innerText()).toMatch(/worse|better|no detectable/);
  });

  it('report of a one-item smoke run with nothing solved: "n/a" and words, no errors', async () => {
    const dir = join(root, 'smoke');
    buildFixtureRun(dir, {
      runId: 'smoke',
      suites: [
        { id: 'aime24', items: 1, samples: 2, correct: () => false },
        { id: 'codeforces', scorer: 'code', items: 3, samples: 1, correct: () => false, rating: (i) => 1000 + 300 * i },
      ],
    });
    const { page, problems } = await open(ctx, await writeReport(dir));
    expect(problems).toEqual([]);
    const summary = await page.$$eval('#summary tbody tr', (rows) => rows.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent ?? '')));
    expect(summary[0]![4]).toBe('0.0% n/a');
    expect(summary[1]![9]).toBe('rating below 1000 (no problem solved: below the easiest rated problem)');
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined/);
    expect(await page.locator('.chart h3', { hasText: 'estimated rating below 1000' }).count()).toBe(1);
  });

  it('leaderboard: a run without the ranked suites is listed, unranked, with why', async () => {
    const site = join(root, 'site-unranked');
    const dirs = leaderboardRuns(join(root, 'lb-unranked'));
    await writeLeaderboard(dirs, site, { suite: 'mmlu' });
    const { page, problems } = await open(ctx, join(site, 'index.html'));
    expect(problems).toEqual([]);
    const rows = await page.$$eval('#leaderboard tbody tr', (rs) => rs.map((r) => [(r as HTMLTableRowElement).cells[0]!.textContent, (r as HTMLTableRowElement).cells[2]!.textContent]));
    expect(rows).toEqual([['1', '2× H200'], ['2', 'a100x1 (vllm, bf16)'], ['—', '64× EPYC, CPU (llama.cpp, Q4_K_M)']]);
    expect(await page.locator('#unranked li').innerText()).toBe('deepseek-r1-distill-qwen-7b (r-7b-cpu): not ranked: has no suite mmlu');
    expect(await page.locator('#ranked-on').innerText()).toMatch(/^Ranked by the mean headline score \(pass@1\) over mmlu/);
  });

  it('leaderboard: sorts by a suite, filters by suite, links to run pages', async () => {
    const site = join(root, 'site');
    await writeLeaderboard(leaderboardRuns(join(root, 'lb')), site);
    const { page, problems, requests } = await open(ctx, join(site, 'index.html'));
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    const models = () => page.$$eval('#leaderboard tbody tr', (rs) => rs.filter((r) => (r as HTMLElement).style.display !== 'none').map((r) => (r as HTMLTableRowElement).cells[2]!.textContent));
    expect(await models()).toEqual(['2× H200', 'a100x1 (vllm, bf16)', '64× EPYC, CPU (llama.cpp, Q4_K_M)']);
    await page.locator('#leaderboard thead th', { hasText: 'aime24' }).click(); // ascending
    expect(await models()).toEqual(['64× EPYC, CPU (llama.cpp, Q4_K_M)', 'a100x1 (vllm, bf16)', '2× H200']);
    await page.selectOption('#suite-filter', 'mmlu');
    expect(await models()).toEqual(['a100x1 (vllm, bf16)', '2× H200']);
    expect(await page.locator('#leaderboard th[data-suite="aime24"]').isVisible()).toBe(false);
    expect(await page.locator('#leaderboard th[data-suite="mmlu"]').isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard.png'), fullPage: true });
    await page.locator('#leaderboard tbody tr:visible a').first().click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/runs\/.+\.html$/);
    expect(await page.locator('h1').innerText()).toContain('r1bench report');
    expect(problems).toEqual([]);
  });
});
