// hf://datasets/OWNER/NAME[@REVISION]/PATH → a local path inside huggingface_hub's cache (the file, or the
// snapshot folder), pinned to a commit. Online: the revision is resolved to its commit first, then the
// entries are listed at that commit and only the blobs the cache lacks are downloaded. Offline
// (HF_HUB_OFFLINE=1, or the Hub unreachable): a commit, or a ref the cache already maps to a commit, whose
// snapshot holds the path.
import { existsSync, statSync } from 'node:fs';
import { DatasetError } from '../table.ts';
import { HubUnreachable, listTree, revisionSha, type TreeEntry } from './api.ts';
import { linkSnapshot, readRef, snapshotPath, writeRef } from './cache.ts';
import { hubEnv, type HubEnv } from './env.ts';
import { fetchBlob, type FetchEvents } from './fetch-file.ts';
import { isCommit, parseHubPath, pinnedHubPath, type HubRef } from './url.ts';

export interface ResolvedHubPath extends HubRef {
  /** The commit the revision named. */
  sha: string;
  /** hf://datasets/OWNER/NAME@<sha>/PATH: what the run records, and what resume, score and merge load. */
  pinned: string;
  /** The file or folder inside the cache's snapshot of that commit. */
  localPath: string;
  /** How many files were downloaded (0: all from the cache). */
  downloaded: number;
}

export interface ResolveOptions extends FetchEvents {
  env?: HubEnv;
}

function fromCache(env: HubEnv, ref: HubRef, spec: string, why: string): ResolvedHubPath {
  const sha = isCommit(ref.revision) ? ref.revision : readRef(env.cacheDir, ref.repo, ref.revision);
  const hint = `${why}, and the cache (${env.cacheDir})`;
  if (!sha) throw new DatasetError(spec, null, `${hint} does not know which commit "${ref.revision}" is: run once with network access, or name a commit with @<sha>`);
  const localPath = snapshotPath(env.cacheDir, ref.repo, sha, ref.path);
  if (!existsSync(localPath)) throw new DatasetError(spec, null, `${hint} does not hold ${ref.path || 'the repository'} at commit ${sha.slice(0, 12)}: run once with network access`);
  return { ...ref, sha, pinned: pinnedHubPath(ref, sha), localPath, downloaded: 0 };
}

/** The files the path names at the commit: the file itself, or every file under the folder. */
async function filesAt(env: HubEnv, ref: HubRef, sha: string, spec: string): Promise<TreeEntry[]> {
  if (!ref.path) return (await listTree(env, ref.repo, sha, '', true, spec)).filter((e) => e.type === 'file');
  const parent = ref.path.includes('/') ? ref.path.slice(0, ref.path.lastIndexOf('/')) : '';
  const entry = (await listTree(env, ref.repo, sha, parent, false, spec)).find((e) => e.path === ref.path);
  if (!entry) throw new DatasetError(spec, null, `no file or folder "${ref.path}" in ${ref.repo} at commit ${sha.slice(0, 12)}`);
  if (entry.type === 'file') return [entry];
  const files = (await listTree(env, ref.repo, sha, ref.path, true, spec)).filter((e) => e.type === 'file');
  if (files.length === 0) throw new DatasetError(spec, null, `folder "${ref.path}" in ${ref.repo} at commit ${sha.slice(0, 12)} holds no files`);
  return files;
}

export async function resolveHubPath(spec: string, opts: ResolveOptions = {}): Promise<ResolvedHubPath> {
  const env = opts.env ?? hubEnv();
  const ref = parseHubPath(spec);
  if (env.offline) return fromCache(env, ref, spec, 'HF_HUB_OFFLINE is set');
  // A commit whose file is already in the cache needs no network at all.
  // (A folder is listed again: its snapshot may be incomplete.)
  const cachedFile = snapshotPath(env.cacheDir, ref.repo, ref.revision, ref.path);
  if (isCommit(ref.revision) && ref.path && existsSync(cachedFile) && statSync(cachedFile).isFile()) return fromCache(env, ref, spec, 'cached');
  let sha: string;
  let files: TreeEntry[];
  try {
    sha = await revisionSha(env, ref.repo, ref.revision, spec);
    files = await filesAt(env, ref, sha, spec);
  } catch (e) {
    if (e instanceof HubUnreachable) return fromCache(env, ref, spec, `the Hub is unreachable: ${e.message}`);
    throw e;
  }
  writeRef(env.cacheDir, ref.repo, ref.revision, sha);
  let downloaded = 0;
  for (const entry of files) {
    try {
      if (await fetchBlob(env, ref.repo, sha, entry, spec, opts)) downloaded++;
    } catch (e) {
      if (e instanceof HubUnreachable) throw new DatasetError(spec, null, `${entry.path}: ${e.message} while downloading; run the same command again`);
      throw e;
    }
    linkSnapshot(env.cacheDir, ref.repo, sha, entry.path, entry.lfs?.oid ?? entry.oid);
  }
  return { ...ref, sha, pinned: pinnedHubPath(ref, sha), localPath: snapshotPath(env.cacheDir, ref.repo, sha, ref.path), downloaded };
}
