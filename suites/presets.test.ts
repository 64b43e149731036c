// Presets map a name to a pinned KIND:hf:// spec and R1's protocol. No network here: the mapping is
// checked as data, and one preset is loaded end to end from huggingface_hub's cache layout offline
// (HF_HUB_OFFLINE=1), the way a machine that fetched it once would read it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir } from '../test/support/run-dir.ts';
import { isCommit, parseHubPath } from './hub/url.ts';
import { PRESETS, PRESETS_LEFT_OUT, presetIdConflict, presetLoad } from './presets.ts';
import { fileSuiteKinds, loadSuite } from './registry.ts';

afterAll(cleanTempDirs);
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['HF_HUB_OFFLINE', 'HF_HUB_CACHE', 'HF_ENDPOINT']) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
});

describe('presets', () => {
  it('each is a known kind reading an hf:// path pinned to a commit', () => {
    expect(Object.keys(PRESETS)).toEqual(['aime24', 'aime25', 'math500', 'gpqa-diamond', 'livecodebench', 'codeforces', 'mmlu', 'mmlu-pro']);
    for (const p of Object.values(PRESETS)) {
      expect(fileSuiteKinds[p.kind], p.name).toBeDefined();
      const ref = parseHubPath(p.path);
      expect(isCommit(ref.revision), `${p.name} pins ${ref.revision}`).toBe(true);
      expect(p.licence.length, p.name).toBeGreaterThan(2);
    }
    expect(Object.keys(PRESETS_LEFT_OUT)).toEqual(['mmlu-redux']);
  });

  it("carries R1's protocol: k per benchmark, the benchmark's size and LiveCodeBench's window", () => {
    const k = Object.fromEntries(Object.values(PRESETS).map((p) => [p.name, p.samples]));
    expect(k).toEqual({ aime24: 64, aime25: 64, math500: 4, 'gpqa-diamond': 8, livecodebench: 16, codeforces: 4, mmlu: 4, 'mmlu-pro': 4 });
    expect(PRESETS['gpqa-diamond']!.items).toBe(198);
    expect(PRESETS.math500!.items).toBe(500);
    const lcb = presetLoad(PRESETS.livecodebench!, {});
    expect(lcb).toEqual({
      spec: `livecodebench:${PRESETS.livecodebench!.path}`,
      opts: { since: '2024-08-01', until: '2025-01-31', suiteId: 'livecodebench' },
    });
    expect(presetLoad(PRESETS.aime24!, { suiteId: 'mine' })).toMatchObject({ opts: { suiteId: 'mine' } });
  });

  it('refuses another window for the livecodebench preset, and a preset id on data with another window', async () => {
    expect(presetLoad(PRESETS.livecodebench!, { since: '2024-01-01' })).toEqual({ refused: expect.stringMatching(/^suite livecodebench: the preset fixes --since 2024-08-01/) });
    await expect(loadSuite('livecodebench', { until: '2025-05-01' })).rejects.toThrow(/fixes --until 2025-01-31/);
    expect(presetIdConflict('livecodebench', { since: '2024-08-01' })).toMatch(/give --until 2025-01-31/);
    expect(presetIdConflict('livecodebench', { since: '2024-08-01', until: '2025-01-31' })).toBeNull();
    expect(presetIdConflict('aime24', {})).toBeNull();
    expect(presetLoad(PRESETS.livecodebench!, { difficulties: ['hard'] })).toEqual({ refused: expect.stringMatching(/every difficulty/) });
    expect(presetIdConflict('livecodebench', { since: '2024-08-01', until: '2025-01-31', difficulties: ['easy'] })).toMatch(/leave out --difficulty/);
    await expect(loadSuite('livecodebench:/nowhere', { suiteId: 'livecodebench' })).rejects.toThrow(/is the preset's/);
  });

  it('loads math500 from the cache offline: id math500, R1s k, source the pinned spec', async () => {
    const cache = tempDir('hf-cache');
    const ref = parseHubPath(PRESETS.math500!.path);
    const snap = join(cache, `datasets--${ref.repo.replace('/', '--')}`, 'snapshots', ref.revision);
    mkdirSync(snap, { recursive: true });
    const rows = [1, 2, 3].map((i) => ({ problem: `Compute ${i} + ${i}.`, answer: String(2 * i), unique_id: `test/x/${i}.json` }));
    writeFileSync(join(snap, ref.path), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    process.env.HF_HUB_CACHE = cache;
    process.env.HF_HUB_OFFLINE = '1';
    const suite = await loadSuite('math500');
    expect(suite).toMatchObject({ id: 'math500', samples: 4, source: PRESETS.math500!.path });
    expect(suite.items.map((i) => i.id)).toEqual(['test/x/1.json', 'test/x/2.json', 'test/x/3.json']);
  });
});
