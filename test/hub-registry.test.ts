// hf:// paths through the suite registry, so that every KIND:PATH kind takes them, against the fake Hub
// on 127.0.0.1 (suites/hub/testing/fake-hub.ts) named by HF_ENDPOINT in this worker's environment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { absoluteSpec, loadSuite } from '../suites/index.ts';
import { hubEnv, hubSuiteName, parseHubPath, resolveHubPath } from '../suites/hub/index.ts';
import { startFakeHub, type FakeHub } from '../suites/hub/testing/fake-hub.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

let hub: FakeHub;
const saved = { ...process.env };
beforeAll(async () => {
  hub = await startFakeHub();
  Object.assign(process.env, { HF_ENDPOINT: hub.url, HF_HUB_CACHE: tempDir('hfcache') });
  delete process.env.HF_TOKEN;
  delete process.env.HF_HUB_OFFLINE;
});
afterAll(async () => {
  process.env = saved;
  await hub.close();
  cleanTempDirs();
});

describe('hf:// in the registry', () => {
  it('an MMLU folder in the original CSV layout loads through the mmlu kind, named after the repository and path', async () => {
    const sha = hub.commit('acme/mmlu-csv', {
      'data/test/algebra_test.csv': { content: 'What is 1+1?,1,2,3,4,B\nWhat is 2+2?,4,5,6,7,A\n' },
      'data/dev/algebra_dev.csv': { content: 'What is 0+1?,1,2,3,4,A\n' },
    });
    const suite = await loadSuite('mmlu:hf://datasets/acme/mmlu-csv/data');
    expect(suite).toMatchObject({ id: 'mmlu:acme/mmlu-csv/data', source: `hf://datasets/acme/mmlu-csv@${sha}/data` });
    expect(suite.items).toHaveLength(2);
    // An explicit id still wins.
    expect((await loadSuite('mmlu:hf://datasets/acme/mmlu-csv/data', { suiteId: 'mmlu:mine' })).id).toBe('mmlu:mine');
  });

  it('a math file keeps its hf:// spec: never made into a local path', async () => {
    hub.commit('acme/m', { 'sets/test.jsonl': { content: '{"problem":"What is 3+3?","answer":"6"}\n' } });
    expect(absoluteSpec('math:hf://datasets/acme/m/sets/test.jsonl')).toBe('math:hf://datasets/acme/m/sets/test.jsonl');
    expect((await loadSuite('math:hf://datasets/acme/m/sets/test.jsonl')).id).toBe('math:acme/m/sets/test');
  });

  it('names: repository and path without the file extension; revisions parsed, encoded or special refs', () => {
    expect(hubSuiteName(parseHubPath('hf://datasets/HuggingFaceH4/MATH-500/test.jsonl'))).toBe('HuggingFaceH4/MATH-500/test');
    expect(hubSuiteName(parseHubPath('hf://datasets/cais/mmlu@abc/all'))).toBe('cais/mmlu/all');
    expect(parseHubPath('hf://datasets/o/n@refs/pr/7/a/b.csv')).toEqual({ repo: 'o/n', revision: 'refs/pr/7', path: 'a/b.csv' });
    expect(parseHubPath('hf://datasets/o/n@v1.0')).toEqual({ repo: 'o/n', revision: 'v1.0', path: '' });
  });

  it('a download over a few MB reports its progress', async () => {
    hub.commit('acme/big', { 'big.jsonl': { content: Buffer.alloc(5_000_000, 0x61), lfs: true } });
    const lines: string[] = [];
    await resolveHubPath('hf://datasets/acme/big/big.jsonl', { env: hubEnv(), progress: (l) => lines.push(l) });
    expect(lines.at(-1)).toMatch(/^downloaded hf:\/\/datasets\/acme\/big@[0-9a-f]{12}\/big\.jsonl: 5\.0 MB$/);
    hub.commit('acme/small', { 'small.jsonl': { content: 'x\n' } });
    const none: string[] = [];
    await resolveHubPath('hf://datasets/acme/small/small.jsonl', { env: hubEnv(), progress: (l) => none.push(l) });
    expect(none).toEqual([]);
  });
});
