// Item ids are data, not protocol: ids with characters that an HTTP header cannot carry (Greek letters,
// CJK, control characters) must be run like any other item, and the CLI must exit when the run is over.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { cleanTempDirs, runCliWithin, storedRows, tempDir, type StoredRow } from './support/run-dir.ts';

const IDS = ['plain-1', 'δ-2', '问题-3', 'tab\there', 'line\nbreak', 'nul\u0000byte'];
let sim: RunningSimulator;
let res: Awaited<ReturnType<typeof runCliWithin>>;
let rows: StoredRow[];

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', reasoningTokens: 20, suites: [] });
  const dir = tempDir('odd-ids');
  const file = join(dir, 'odd.jsonl');
  writeFileSync(file, IDS.map((id, i) => JSON.stringify({ id, problem: `What is ${i} times 3?`, answer: String(3 * i) })).join('\n') + '\n');
  const out = join(dir, 'run');
  res = await runCliWithin(['run', '--suite', `math:${file}`, '--samples', '1', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--no-report'], 40_000);
  rows = storedRows(out);
}, 60_000);
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

describe('item ids that are not HTTP-safe', () => {
  it('every item is answered; none fails because of its id', () => {
    expect(rows.map((r) => r.item_id).sort()).toEqual([...IDS].sort());
    expect(rows.filter((r) => r.error_kind !== null).map((r) => `${JSON.stringify(r.item_id)}: ${r.error_message}`)).toEqual([]);
    expect(res.code, res.stderr).toBe(0);
  });

  it('the CLI exits as soon as the run is over, even when a request could not be sent at all', () => {
    expect(res.stderr, 'the run got to its end').toMatch(/results: /);
    expect(res.timedOut, `the CLI was still running ${40} s after it started (it had printed: ${res.stderr.slice(-200)})`).toBe(false);
  });
});
