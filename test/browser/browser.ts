// Headless Chromium for report tests (ENVIRONMENT.md): a fresh profile per launch, every console
// error and page error collected so a test can assert there were none.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const haveChromium = existsSync(CHROMIUM_PATH);

export async function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'r1-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, page errors and failed requests, in order. */
  problems: string[];
  /** Every URL the page asked for besides itself: a self-contained page asks for none. */
  requests: string[];
}

export async function open(ctx: BrowserContext, file: string): Promise<OpenedPage> {
  const page = await ctx.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  const url = 'file://' + file;
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('request', (r) => r.url() !== url && requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests };
}
