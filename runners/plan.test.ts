import { describe, expect, it } from 'vitest';
import { settingsDiff, shardOf } from './plan.ts';
import type { RunManifest, SuiteManifest } from './store.ts';

const suite = (over: Partial<SuiteManifest> = {}, request: Partial<SuiteManifest['request']> = {}): SuiteManifest => ({
  id: 'mmlu:x', spec: 'mmlu:x.csv', version: 1, scorer: 'choice', contentHash: 'h1', source: '/d/x.csv', samples: 4, items: 10,
  request: { spec: 'mmlu:/d/x.csv', limit: 10, ...request },
  ...over,
});
const manifest = (s: SuiteManifest, over: Partial<RunManifest> = {}): RunManifest => ({
  runId: 'r', createdAt: 't', model: 'm', endpoints: ['e'], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 100 }, suites: [s],
  versions: { r1bench: '0', node: 'v20' }, ...over,
});

describe('settingsDiff', () => {
  it('is null for the same settings, whatever the endpoints, run id or data path', () => {
    const a = manifest(suite());
    const b = manifest(suite({}, { spec: 'mmlu:/elsewhere/x.csv' }), { runId: 'other', endpoints: ['f'] });
    expect(settingsDiff(a, b)).toBeNull();
  });

  it.each([
    ['model', manifest(suite(), { model: 'n' }), /model "m" vs "n"/],
    ['temperature', manifest(suite(), { sampling: { temperature: 0.7, topP: 0.95, maxTokens: 100 } }), /temperature 0.6 vs 0.7/],
    ['data', manifest(suite({ contentHash: 'h2' })), /data changed/],
    ['samples', manifest(suite({ samples: 8 })), /samples 4 vs 8/],
    ['limit', manifest(suite({}, { limit: 20 })), /limit 10 vs 20/],
    ['subjects', manifest(suite({}, { subjects: ['virology'] })), /subjects none vs \["virology"\]/],
    ['few-shot', manifest(suite({}, { fewShot: 5 })), /fewShot none vs 5/],
    ['suite version', manifest(suite({ version: 2 })), /suite version 1 vs 2/],
    ['shard', manifest(suite(), { shard: { index: 1, count: 2 } }), /shard differs/],
  ])('names a different %s', (_, other, message) => {
    expect(settingsDiff(manifest(suite()), other)).toMatch(message);
  });

  it('ignores the shard and the item count when merging shards', () => {
    const a = manifest(suite({ items: 4 }), { shard: { index: 1, count: 2 } });
    const b = manifest(suite({ items: 6 }), { shard: { index: 2, count: 2 } });
    expect(settingsDiff(a, b, { ignoreShard: true })).toBeNull();
    expect(settingsDiff(a, b)).toMatch(/shard/);
  });
});

describe('shardOf', () => {
  it('splits by identity into 1..n, about evenly, the same every time', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf('s', `item-${i}`, 4) - 1]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf('s', 'item-7', 4)).toBe(shardOf('s', 'item-7', 4));
  });
});
