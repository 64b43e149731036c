// One file from the Hub into the blob store: streamed to a temporary file beside the blob, checked (sha256
// for LFS files as the tree listing's lfs.oid gives it, the git blob sha1 of everything else), then renamed.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatasetError } from '../table.ts';
import { hubGet, resolveUrl, type TreeEntry } from './api.ts';
import { blobPath } from './cache.ts';
import type { HubEnv } from './env.ts';

/** Above this size a download reports its progress on stderr. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30 * 60_000;

export const blobIdOf = (entry: TreeEntry): string => entry.lfs?.oid ?? entry.oid;

export interface FetchEvents {
  progress?(line: string): void;
}

/** Downloads the entry's blob unless the cache holds it; returns whether it was downloaded. */
export async function fetchBlob(env: HubEnv, repo: string, sha: string, entry: TreeEntry, spec: string, events: FetchEvents = {}): Promise<boolean> {
  const blobId = blobIdOf(entry);
  const dest = blobPath(env.cacheDir, repo, blobId);
  if (existsSync(dest)) return false;
  mkdirSync(dirname(dest), { recursive: true });
  const size = entry.lfs?.size ?? entry.size;
  const hash = entry.lfs ? createHash('sha256') : createHash('sha1').update(`blob ${size}\0`);
  const res = await hubGet(env, resolveUrl(env, repo, sha, entry.path), spec, { timeoutMs: DOWNLOAD_TIMEOUT_MS });
  const tmp = `${dest}.${randomBytes(4).toString('hex')}.incomplete`;
  const out = createWriteStream(tmp);
  const label = `hf://datasets/${repo}@${sha.slice(0, 12)}/${entry.path}`;
  const mb = (n: number) => (n / 1e6).toFixed(1);
  let got = 0;
  let shown = Date.now();
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      got += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      if (size >= PROGRESS_MIN_BYTES && Date.now() - shown >= 1000) {
        shown = Date.now();
        events.progress?.(`downloading ${label}: ${mb(got)} of ${mb(size)} MB`);
      }
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const digest = hash.digest('hex');
    const want = entry.lfs ? entry.lfs.oid : entry.oid;
    if (got !== size || digest !== want)
      throw new DatasetError(spec, null, `${entry.path}: download refused, its checksum does not match the Hub's listing (${entry.lfs ? 'sha256' : 'git sha1'} ${digest.slice(0, 12)}, ${got} bytes; expected ${want.slice(0, 12)}, ${size} bytes)`);
    renameSync(tmp, dest);
  } catch (e) {
    out.destroy();
    rmSync(tmp, { force: true });
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(spec, null, `${entry.path}: download broke off after ${got} bytes (${(e as Error).message}); run the same command again`);
  }
  if (size >= PROGRESS_MIN_BYTES) events.progress?.(`downloaded ${label}: ${mb(size)} MB`);
  return true;
}
