// hf://datasets/... paths against a fake Hub: a local HTTP server on 127.0.0.1 (suites/hub/testing/fake-hub.ts)
// that follows the Hub's documented API, pointed to by HF_ENDPOINT (here through the env object that
// hubEnv() builds from HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE and HF_HUB_CACHE). No network is used.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubEnv, resolveHubPath, type HubEnv } from '../suites/hub/index.ts';
import { startFakeHub, type FakeHub } from '../suites/hub/testing/fake-hub.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

let hub: FakeHub;
beforeAll(async () => (hub = await startFakeHub({ pageSize: 2 })));
afterAll(async () => (await hub.close(), cleanTempDirs()));

const TOKEN = 'hf_secret_token_1234';
const envFor = (over: Partial<NodeJS.ProcessEnv> = {}): HubEnv => hubEnv({ HF_ENDPOINT: hub.url, HF_HUB_CACHE: tempDir('hfcache'), ...over });
const lines = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ problem: `What is ${i}+1?`, answer: String(i + 1) })).join('\n') + '\n';
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true }).map(String).filter((p) => statSync(join(dir, p)).isFile());
const since = (n: number) => hub.requests.slice(n);

describe('hf:// paths', () => {
  it('a file: the revision resolved to its commit, the file checked and placed in huggingface_hub\'s cache layout', async () => {
    const sha = hub.commit('acme/math-set', { 'test.jsonl': { content: lines(3) }, 'README.md': { content: '# x\n' } });
    const env = envFor();
    const r = await resolveHubPath('hf://datasets/acme/math-set/test.jsonl', { env });
    expect(r).toMatchObject({ repo: 'acme/math-set', revision: 'main', sha, path: 'test.jsonl', pinned: `hf://datasets/acme/math-set@${sha}/test.jsonl`, downloaded: 1 });
    const repoDir = join(env.cacheDir, 'datasets--acme--math-set');
    expect(r.localPath).toBe(join(repoDir, 'snapshots', sha, 'test.jsonl'));
    expect(readFileSync(r.localPath, 'utf8')).toBe(lines(3));
    expect(readFileSync(join(repoDir, 'refs', 'main'), 'utf8')).toBe(sha);
    expect(readdirSync(join(repoDir, 'blobs'))).toHaveLength(1); // README.md not fetched
  });

  it('a folder across pages of the tree listing; an LFS file through a redirect to another origin, which never sees the token', async () => {
    const sha = hub.commit('acme/mmlu-like', {
      'all/dev.csv': { content: 'q,a\n' }, 'all/test.csv': { content: 'q,b\n' }, 'all/sub/val.csv': { content: 'q,c\n' },
      'all/big.parquet': { content: Buffer.alloc(3000, 7), lfs: true }, 'other/x.csv': { content: 'no\n' },
    });
    const env = envFor({ HF_TOKEN: TOKEN });
    const n = hub.requests.length;
    const r = await resolveHubPath('hf://datasets/acme/mmlu-like/all', { env });
    expect(r.localPath).toBe(join(env.cacheDir, 'datasets--acme--mmlu-like', 'snapshots', sha, 'all'));
    expect(filesUnder(r.localPath).sort()).toEqual(['big.parquet', 'dev.csv', 'sub/val.csv', 'test.csv']);
    const mine = since(n);
    expect(mine.filter((q) => q.path.includes('cursor=')).length).toBeGreaterThan(0); // more than one page was read
    expect(mine.filter((q) => q.server === 'cdn')).toHaveLength(1);
    expect(mine.filter((q) => q.server === 'cdn').every((q) => q.auth === null)).toBe(true);
    expect(mine.filter((q) => q.server === 'hub').every((q) => q.auth === `Bearer ${TOKEN}`)).toBe(true);
    // The token is written nowhere in the cache.
    const repoDir = join(env.cacheDir, 'datasets--acme--mmlu-like');
    for (const f of filesUnder(repoDir)) expect(readFileSync(join(repoDir, f), 'latin1')).not.toContain(TOKEN);
  });

  it('a revision with / is percent-encoded in every URL, written raw or encoded in the path', async () => {
    const sha = hub.commit('acme/conv', { 'data/test.jsonl': { content: lines(2) } }, ['refs/convert/parquet']);
    const env = envFor();
    const n = hub.requests.length;
    const raw = await resolveHubPath('hf://datasets/acme/conv@refs/convert/parquet/data/test.jsonl', { env });
    const encoded = await resolveHubPath('hf://datasets/acme/conv@refs%2Fconvert%2Fparquet/data/test.jsonl', { env });
    expect([raw.sha, encoded.sha, raw.path]).toEqual([sha, sha, 'data/test.jsonl']);
    expect(since(n).some((q) => q.path === '/api/datasets/acme/conv/revision/refs%2Fconvert%2Fparquet')).toBe(true);
    expect(readFileSync(join(env.cacheDir, 'datasets--acme--conv', 'refs', 'refs', 'convert', 'parquet'), 'utf8')).toBe(sha);
  });

  it('a second load downloads nothing; a commit already cached makes no request at all', async () => {
    const sha = hub.commit('acme/reuse', { 'test.jsonl': { content: lines(4) } });
    const env = envFor();
    await resolveHubPath('hf://datasets/acme/reuse/test.jsonl', { env });
    let n = hub.requests.length;
    expect((await resolveHubPath('hf://datasets/acme/reuse/test.jsonl', { env })).downloaded).toBe(0);
    expect(since(n).filter((q) => q.path.includes('/resolve'))).toEqual([]);
    n = hub.requests.length;
    await resolveHubPath(`hf://datasets/acme/reuse@${sha}/test.jsonl`, { env });
    expect(since(n)).toEqual([]);
  });

  it('offline (HF_HUB_OFFLINE=1, or the Hub unreachable): a cached ref or commit loads, anything else is one line', async () => {
    const sha = hub.commit('acme/off', { 'test.jsonl': { content: lines(2) } });
    const cache = tempDir('hfcache');
    await resolveHubPath('hf://datasets/acme/off/test.jsonl', { env: envFor({ HF_HUB_CACHE: cache }) });
    const n = hub.requests.length;
    const offline = envFor({ HF_HUB_CACHE: cache, HF_HUB_OFFLINE: '1' });
    expect((await resolveHubPath('hf://datasets/acme/off/test.jsonl', { env: offline })).sha).toBe(sha);
    expect((await resolveHubPath(`hf://datasets/acme/off@${sha}/test.jsonl`, { env: offline })).sha).toBe(sha);
    expect(since(n)).toEqual([]);
    await expect(resolveHubPath('hf://datasets/acme/off@v2/test.jsonl', { env: offline })).rejects.toThrow(/^hf:\/\/datasets\/acme\/off@v2\/test\.jsonl: HF_HUB_OFFLINE is set, and the cache .* does not know which commit "v2" is/);
    // No network: a port nothing listens on.
    const down = hubEnv({ HF_ENDPOINT: 'http://127.0.0.1:9', HF_HUB_CACHE: cache });
    expect((await resolveHubPath('hf://datasets/acme/off/test.jsonl', { env: down })).sha).toBe(sha);
    const started = Date.now();
    const err = await resolveHubPath('hf://datasets/acme/off/other.jsonl', { env: down }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(/the Hub is unreachable: cannot reach http:\/\/127\.0\.0\.1:9 .*does not hold other\.jsonl/);
    expect((err as Error).message).not.toContain('\n');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a download whose bytes do not match the listing is refused and leaves nothing in the cache', async () => {
    hub.commit('acme/bad', { 'broken.jsonl': { content: lines(5) } });
    hub.corrupt('broken.jsonl');
    const env = envFor();
    await expect(resolveHubPath('hf://datasets/acme/bad/broken.jsonl', { env })).rejects.toThrow(/broken\.jsonl: download refused, its checksum does not match the Hub's listing \(git sha1/);
    const repoDir = join(env.cacheDir, 'datasets--acme--bad');
    expect(filesUnder(repoDir).map((f) => relative(repoDir, join(repoDir, f))).filter((f) => !f.startsWith('refs'))).toEqual([]);
    expect(existsSync(join(repoDir, 'snapshots'))).toBe(false);
  });

  it('one-line errors: gated without a token, unknown repo, unknown file; a 5xx retried until it recovers, or reported', async () => {
    hub.commit('acme/gated', { 'train.csv': { content: 'q\n' } });
    hub.gate('acme/gated', TOKEN);
    await expect(resolveHubPath('hf://datasets/acme/gated/train.csv', { env: envFor() })).rejects.toThrow(/answered 401 \(GatedRepo\): .*set HF_TOKEN to a token of an account that accepted the dataset's terms/);
    expect((await resolveHubPath('hf://datasets/acme/gated/train.csv', { env: envFor({ HF_TOKEN: TOKEN }) })).downloaded).toBe(1);
    await expect(resolveHubPath('hf://datasets/nobody/nothing/x.jsonl', { env: envFor() })).rejects.toThrow(/answered 404 \(RepoNotFound\): no such dataset/);
    await expect(resolveHubPath('hf://datasets/acme/gated/missing.csv', { env: envFor({ HF_TOKEN: TOKEN }) })).rejects.toThrow(/no file or folder "missing\.csv" in acme\/gated/);
    await expect(resolveHubPath('hf://datasets/acme/gated@nope/train.csv', { env: envFor({ HF_TOKEN: TOKEN }) })).rejects.toThrow(/404 \(RevisionNotFound\): no such revision/);
    hub.commit('acme/flaky', { 'test.jsonl': { content: lines(1) } });
    hub.failNext(2);
    expect((await resolveHubPath('hf://datasets/acme/flaky/test.jsonl', { env: envFor() })).downloaded).toBe(1);
    hub.failNext(100);
    const started = Date.now();
    await expect(resolveHubPath('hf://datasets/acme/flaky/test.jsonl', { env: envFor() })).rejects.toThrow(/answered 503 \(ServiceUnavailable\) 4 times: the Hub is failing/);
    expect(Date.now() - started).toBeLessThan(5000);
    hub.failNext(0);
  });

  it('spec parsing: bad specs are one line; model repositories are refused', async () => {
    await expect(resolveHubPath('hf://acme/x/test.jsonl', { env: envFor() })).rejects.toThrow(/only dataset repositories/);
    await expect(resolveHubPath('hf://datasets/acme', { env: envFor() })).rejects.toThrow(/expected hf:\/\/datasets\/OWNER\/NAME/);
    await expect(resolveHubPath('hf://datasets/acme/x/../y', { env: envFor() })).rejects.toThrow(/\. or \.\. parts/);
  });
});
