// Soak: ~3,000 samples against a simulator throwing every fault it knows (~30% of requests), run
// in-process with the library API so that memory can be watched. At the end every sample is stored
// complete exactly once or recorded as an error after its retries; nothing is lost or asked for twice;
// no cut stream is stored as an answer; memory stays flat; and `r1bench score` reports what is stored.
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRun, type ExecuteResult } from '../runners/index.ts';
import { startSimulator, type RequestLogEntry, type RunningSimulator } from '../runners/simulator/index.ts';
import { assemble, post } from '../runners/simulator/testing.ts';
import { loadSuite } from '../suites/index.ts';
import type { Item } from '../types.ts';
import { runCliWithin } from './support/run-dir.ts';
import { cleanTempDirs, keyOf, passAt1FromCsv, readResults, readSamplesCsv, storedRows, tempDir, type StoredRow } from './support/run-dir.ts';
import { readRequestLog, startSimulatorProcess, type SimulatorProcess } from './support/sim-process.ts';

const FAULTS = '429=0.04,429-no-retry-after=0.03,500=0.03,502=0.02,503=0.02,reset=0.03,cut=0.04,stall=0.015,malformed=0.02,bad-json=0.02,error-event=0.02,ignore-max-tokens=0.015,trickle=0.015';
const SIM = { seed: 11, model: 'r1', reasoningTokens: 300, reasoningJitter: 0.5, tokensPerChunk: [1, 3, 7] };
const SUITES = [{ spec: 'aime-sample', samples: 40, items: 36 }, { spec: 'mmlu-sample', samples: 12, items: 136 }];
const TOTAL = SUITES.reduce((a, s) => a + s.samples * s.items, 0);
const MAX_ATTEMPTS = 4;
const MAX_TOKENS = 1000;
/** Outcomes after which the server sent a whole answer. */
const COMPLETE = new Set(['stop', 'length', 'malformed', 'trickle', 'ignore-max-tokens']);

let faulty: SimulatorProcess;
let out: string;
let logFile: string;
let result: ExecuteResult;
let rows: StoredRow[];
let log: Map<string, RequestLogEntry[]>;
const memory = { peakRssMb: 0, rssStartMb: 0, heapAtQuarterMb: 0, heapAtEndMb: 0, storedAtQuarter: 0, storedAtEnd: 0 };

beforeAll(async () => {
  const dir = tempDir('soak');
  out = join(dir, 'run');
  logFile = join(dir, 'requests.jsonl');
  faulty = await startSimulatorProcess([
    '--seed', String(SIM.seed), '--model', SIM.model, '--reasoning-tokens', String(SIM.reasoningTokens), '--reasoning-jitter', String(SIM.reasoningJitter),
    '--tokens-per-chunk', SIM.tokensPerChunk.join(','), '--suite', 'aime-sample', '--suite', 'mmlu-sample', '--preload', '--faults', FAULTS,
    '--retry-after-s', '0.2', '--stall-ms', '4000', '--trickle-byte-ms', '2', '--trickle-ms', '200', '--log-file', logFile,
  ]);
  // A heap measured after a full collection is what the run keeps, not what it has not yet freed.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  memory.rssStartMb = process.memoryUsage().rss / 2 ** 20;
  const sampler = setInterval(() => (memory.peakRssMb = Math.max(memory.peakRssMb, process.memoryUsage().rss / 2 ** 20)), 100);
  let stored = 0;
  try {
    result = await executeRun(
      {
        model: 'r1',
        endpoints: [faulty.url],
        sampling: { temperature: 0.6, topP: 0.95, maxTokens: MAX_TOKENS },
        suites: SUITES.map((s) => ({ spec: s.spec, samples: s.samples })),
        out,
        concurrency: 64,
        maxAttempts: MAX_ATTEMPTS,
        idleTimeoutMs: 1500,
        totalTimeoutMs: 60_000,
        retryBaseDelayMs: 20,
        retryMaxDelayMs: 200,
      },
      {
        onStored: () => {
          stored++;
          if (stored === Math.floor(TOTAL / 4) || stored === TOTAL) {
            gc();
            const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
            if (stored === TOTAL) Object.assign(memory, { heapAtEndMb: heapMb, storedAtEnd: stored });
            else Object.assign(memory, { heapAtQuarterMb: heapMb, storedAtQuarter: stored });
          }
        },
      },
    );
  } finally {
    clearInterval(sampler);
    await faulty.stop();
  }
  rows = storedRows(out);
  log = new Map();
  for (const e of readRequestLog(logFile)) log.set(e.sampleKey, [...(log.get(e.sampleKey) ?? []), e]);
  for (const list of log.values()) list.sort((a, b) => a.attempt - b.attempt);
  const outcomes: Record<string, number> = {};
  for (const e of [...log.values()].flat()) outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;
  console.info(`soak: ${rows.length} stored, ${result.loop.errors} errors, requests by outcome ${JSON.stringify(outcomes)}, memory ${JSON.stringify(memory)}`);
}, 150_000);

afterAll(async () => {
  await faulty?.stop().catch(() => {});
  cleanTempDirs();
});

describe(`soak: ${TOTAL} samples, faults ${FAULTS}`, () => {
  it('the faults really happened, of every kind', () => {
    const seen = new Set([...log.values()].flat().map((e) => e.fault).filter(Boolean));
    expect([...seen].sort()).toEqual(FAULTS.split(',').map((p) => p.split('=')[0]).sort());
    expect(result.loop.total).toBe(TOTAL);
    expect(result.loop.aborted).toBe(false);
  });

  it('every sample is stored once: complete, or an error after all its attempts; none lost', () => {
    expect(rows).toHaveLength(TOTAL);
    expect(new Set(rows.map(keyOf)).size).toBe(TOTAL);
    const errors = rows.filter((r) => r.error_kind !== null);
    expect(errors.every((r) => r.attempts === MAX_ATTEMPTS)).toBe(true);
    expect(result.loop.completed + result.loop.errors).toBe(TOTAL);
    expect(result.loop.errors).toBe(errors.length);
    const complete = rows.filter((r) => r.error_kind === null);
    expect(complete.every((r) => r.answer !== null && r.reasoning !== null && r.finish_reason !== null)).toBe(true);
  });

  it('the server saw exactly the attempts the store says, and no sample was generated in full twice', () => {
    const problems: string[] = [];
    for (const r of rows) {
      const entries = log.get(keyOf(r)) ?? [];
      if (entries.length !== r.attempts) problems.push(`${keyOf(r)}: stored ${r.attempts} attempts, server saw ${entries.length}`);
      const full = entries.filter((e) => COMPLETE.has(e.outcome));
      if (r.error_kind === null && (full.length !== 1 || !COMPLETE.has(entries.at(-1)!.outcome)))
        problems.push(`${keyOf(r)}: stored complete, server outcomes ${entries.map((e) => e.outcome).join(',')}`);
      if (r.error_kind !== null && full.length > 0) problems.push(`${keyOf(r)}: stored as error though the server sent it whole (${entries.map((e) => e.outcome).join(',')})`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('a 429 with Retry-After (0.2 s here) is retried no sooner than the server asked', () => {
    const early: string[] = [];
    let retried = 0;
    for (const [key, entries] of log)
      for (const [i, e] of entries.entries()) {
        const next = entries[i + 1];
        if (e.outcome !== '429' || !next) continue;
        retried++;
        const waitedMs = next.receivedAt - e.endedAt!;
        if (waitedMs < 190) early.push(`${key}: attempt ${next.attempt} came ${waitedMs.toFixed(0)} ms after the 429`);
      }
    expect(retried).toBeGreaterThan(50);
    expect(early.slice(0, 10)).toEqual([]);
  });

  it('no partial stream is stored: answers after a faulty attempt are exactly what the simulator sends whole', async () => {
    // The simulator is deterministic per sample key: a clean one with the same seed sends the same text.
    const clean = await startSimulator({ ...SIM, suites: ['aime-sample', 'mmlu-sample'] });
    const ignoring = await startSimulator({ ...SIM, suites: ['aime-sample', 'mmlu-sample'], faults: { 'ignore-max-tokens': 1 } });
    try {
      const items = new Map<string, Item>();
      for (const s of SUITES) for (const it of (await loadSuite(s.spec)).items) items.set(`${s.spec}/${it.id}`, it);
      const faulted = rows.filter((r) => r.error_kind === null && (log.get(keyOf(r)) ?? []).some((e) => e.fault !== null));
      expect(faulted.length).toBeGreaterThan(TOTAL * 0.15);
      const mismatches: string[] = [];
      let next = 0;
      const worker = async () => {
        for (let r = faulted[next++]; r; r = faulted[next++]) {
          const last = log.get(keyOf(r))!.at(-1)!;
          const sim: RunningSimulator = last.fault === 'ignore-max-tokens' ? ignoring : clean;
          const body = { model: 'r1', messages: items.get(`${r.suite_id}/${r.item_id}`)!.prompt, max_tokens: MAX_TOKENS, stream: true };
          const ref = assemble(await post(`${sim.url}/chat/completions`, body, { 'x-r1bench-sample': keyOf(r) }));
          const answer = ref.content.trim() || null;
          if (r.reasoning !== ref.reasoning || r.answer !== answer || r.finish_reason !== ref.finishReason)
            mismatches.push(`${keyOf(r)} (outcomes ${log.get(keyOf(r))!.map((e) => e.outcome).join(',')}): reasoning ${r.reasoning?.length} vs ${ref.reasoning.length} chars, answer ${JSON.stringify(r.answer?.slice(-40))} vs ${JSON.stringify(answer?.slice(-40))}`);
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      expect(mismatches.slice(0, 10)).toEqual([]);
    } finally {
      await Promise.all([clean.close(), ignoring.close()]);
    }
  }, 90_000);

  it('memory stays bounded and does not grow with the number of samples', () => {
    const grownMb = memory.heapAtEndMb - memory.heapAtQuarterMb;
    const perSampleBytes = (grownMb * 2 ** 20) / (memory.storedAtEnd - memory.storedAtQuarter);
    const report = JSON.stringify({ ...memory, perSampleBytes: Math.round(perSampleBytes) });
    expect(memory.storedAtEnd, report).toBe(TOTAL);
    expect(memory.peakRssMb - memory.rssStartMb, report).toBeLessThan(400);
    // A run that kept every completion would keep its reasoning text (~2 KB here) per sample.
    expect(perSampleBytes, report).toBeLessThan(600);
  });

  it('`r1bench score DIR` reports what is stored: items, errors and pass@1 recomputed from samples.csv', async () => {
    const res = await runCliWithin(['score', out, '--no-report'], 80_000);
    expect(res.code, res.stderr).toBe(0);
    const results = readResults(out);
    const csv = readSamplesCsv(out);
    expect(csv).toHaveLength(TOTAL);
    for (const s of SUITES) {
      const suite = results.suites.find((x: { id: string }) => x.id === s.spec);
      const fromCsv = passAt1FromCsv(csv, s.spec);
      const errors = rows.filter((r) => r.suite_id === s.spec && r.error_kind !== null).length;
      expect(suite.items).toBe(s.items);
      expect(fromCsv.items).toBe(s.items);
      expect(suite.samplesPerItem).toBe(s.samples);
      expect(suite.errors).toBe(errors);
      expect(fromCsv.errors).toBe(errors);
      const pass1 = suite.metrics.find((m: { name: string; k: number }) => m.name === 'pass' && m.k === 1);
      expect(pass1.value).toBeCloseTo(fromCsv.passAt1, 9);
      expect(pass1.value).toBeGreaterThan(0.4);
    }
  }, 90_000);
});
