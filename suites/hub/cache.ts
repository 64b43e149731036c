// huggingface_hub's cache layout (file_download.py: repo_folder_name, _cache_commit_hash_for_specific_revision,
// _create_symlink; docs "Understand caching"), shared with Python tools:
//   {HF_HUB_CACHE}/datasets--OWNER--NAME/refs/<ref>            the commit sha the ref pointed to (a file)
//   {HF_HUB_CACHE}/datasets--OWNER--NAME/blobs/<etag>          the bytes: git blob sha1, or sha256 for LFS files
//   {HF_HUB_CACHE}/datasets--OWNER--NAME/snapshots/<sha>/PATH  the file as of that commit
// huggingface_hub makes snapshot entries symlinks to the blob where it can and copies otherwise; r1bench
// makes them hard links (copies where links fail), which it and huggingface_hub both read as plain files.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const repoFolder = (cacheDir: string, repo: string): string => join(cacheDir, `datasets--${repo.split('/').join('--')}`);
export const blobPath = (cacheDir: string, repo: string, blobId: string): string => join(repoFolder(cacheDir, repo), 'blobs', blobId);
export const snapshotPath = (cacheDir: string, repo: string, sha: string, path: string): string =>
  join(repoFolder(cacheDir, repo), 'snapshots', sha, ...(path ? path.split('/') : []));

const tempName = (path: string) => `${path}.${randomBytes(4).toString('hex')}.incomplete`;

/** The commit a ref (branch, tag, refs/pr/N) pointed to when last seen, or null. */
export function readRef(cacheDir: string, repo: string, ref: string): string | null {
  const file = join(repoFolder(cacheDir, repo), 'refs', ...ref.split('/'));
  if (!existsSync(file)) return null;
  const sha = readFileSync(file, 'utf8').trim();
  return /^[0-9a-f]{40}$/.test(sha) ? sha : null;
}

export function writeRef(cacheDir: string, repo: string, ref: string, sha: string): void {
  if (ref === sha) return;
  const file = join(repoFolder(cacheDir, repo), 'refs', ...ref.split('/'));
  if (readRef(cacheDir, repo, ref) === sha) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempName(file);
  writeFileSync(tmp, sha);
  renameSync(tmp, file);
}

/** Puts the blob at its snapshot path (atomically: a link made beside it, then renamed over). */
export function linkSnapshot(cacheDir: string, repo: string, sha: string, path: string, blobId: string): string {
  const dest = snapshotPath(cacheDir, repo, sha, path);
  if (existsSync(dest)) return dest;
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = tempName(dest);
  try {
    linkSync(blobPath(cacheDir, repo, blobId), tmp);
  } catch {
    copyFileSync(blobPath(cacheDir, repo, blobId), tmp);
  }
  try {
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return dest;
}
