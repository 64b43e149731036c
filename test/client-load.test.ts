// The harness measures itself: a run whose event loop the test blocks on purpose (a busy loop on a
// timer) reports a large loop delay in results.json, warns in the summary and the report, and a gate
// with performance.maxClientLoopDelayP99Ms refuses it; a quiet run does none of that.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runAndReport } from '../cli/run-command.ts';
import { summaryTable } from '../cli/summary.ts';
import { gateRuns } from '../reports/gate.ts';
import { cleanTempDirs, readResults, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;
let dir: string;
let file: string;
let rules: string;
const problems = Array.from({ length: 8 }, (_, i) => ({ id: `c${i}`, problem: `Add ${i} and ${2 * i}.`, answer: String(3 * i) }));

beforeAll(async () => {
  dir = tempDir('client-load');
  mkdirSync(join(dir, 'data'), { recursive: true });
  file = join(dir, 'data', 'adds.jsonl');
  writeFileSync(file, problems.map((p) => JSON.stringify(p)).join('\n') + '\n');
  rules = join(dir, 'gate.yaml');
  writeFileSync(rules, 'performance:\n  maxClientLoopDelayP99Ms: 20\n');
  // TTFT 200 ms: 10% of it is 20 ms, so the quiet run is judged by the 20 ms limit alone.
  sim = await startSimulator({ model: 'r1', reasoningTokens: 20, suites: [`math:${file}`], correctRate: 0.5, ttftMs: 200, interTokenMs: 5 });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

async function run(out: string): Promise<string[]> {
  const said: string[] = [];
  const args = { suite: [`math:${file}`], 'suite-id': 'adds', samples: '2', concurrency: '4', seed: '5', endpoint: [sim.url], model: 'r1', out };
  const code = await runAndReport(args, { say: (s) => said.push(s) });
  expect(code, said.join('\n')).toBe(0);
  return said;
}

describe('the harness measures its own event loop', () => {
  const quiet = () => join(dir, 'quiet');
  const blocked = () => join(dir, 'blocked');

  it('a quiet run: small loop delay, CPU and one thread in results.json, no warning', async () => {
    await run(quiet());
    const results = readResults(quiet());
    const c = results.performance.client;
    expect(c.threads).toBe(1);
    expect(c.cpuPct).toBeGreaterThan(0);
    expect(c.loopDelayP99Ms).toBeLessThan(20);
    // Linux: how long the streaming thread waited for a CPU, a share of the wall time.
    if (process.platform === 'linux') {
      expect(c.cpuWaitPct).toBeGreaterThanOrEqual(0);
      expect(c.cpuWaitPct).toBeLessThan(50);
      expect(readFileSync(join(quiet(), 'report.html'), 'utf8')).toMatch(/waiting for a CPU [\d.]+% of the time/);
    }
    expect(summaryTable(results)).not.toMatch(/event loop ran late/);
    expect(readFileSync(join(quiet(), 'report.html'), 'utf8')).toMatch(/id="client-load" class="muted"/);
  }, 120_000);

  it('a run whose loop is blocked 80 ms of every 100: a large p99, the warning, and the gate refuses it', async () => {
    const busy = setInterval(() => {
      const until = performance.now() + 80;
      while (performance.now() < until);
    }, 100);
    try {
      await run(blocked());
    } finally {
      clearInterval(busy);
    }
    const results = readResults(blocked());
    expect(results.performance.client.loopDelayP99Ms).toBeGreaterThan(40);
    const summary = summaryTable(results);
    expect(summary).toMatch(/warning: the harness's event loop ran late \(delay p99 \d+\.\d ms.*not the deployment.*lower --concurrency/);
    const html = readFileSync(join(blocked(), 'report.html'), 'utf8');
    expect(html).toMatch(/id="client-load" class="worse">.*describe this client machine, not the deployment/);

    const refused = await gateRuns({ baseline: quiet(), candidate: blocked(), rulesFile: rules });
    expect(refused.exitCode).toBe(1);
    const rule = refused.rules.find((r) => r.name.startsWith('client loop delay p99 ≤ 20 ms'))!;
    expect(rule.passed).toBe(false);
    expect(rule.observed).toBe(results.performance.client.loopDelayP99Ms);

    const passed = await gateRuns({ baseline: blocked(), candidate: quiet(), rulesFile: rules });
    expect(passed.rules.map((r) => [r.name, r.passed])).toEqual([[rule.name, true]]);
    expect(passed.exitCode).toBe(0);
  }, 120_000);
});
