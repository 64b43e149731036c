// The Hub's documented HTTP API, nothing else (checked against huggingface_hub src/huggingface_hub/hf_api.py —
// list_repo_tree, dataset_info — and utils/_http.py — X-Error-Code, pagination by the Link header — as indexed
// with constants.py at commit 03333b689b5a2dee604676791c0792ede6246a31, file_download.py at f7c9b7dfd5e5):
//   GET {endpoint}/api/datasets/{repo}/revision/{revision}            → { sha, ... }
//   GET {endpoint}/api/datasets/{repo}/tree/{revision}/{path}[?recursive=true]
//       → [{ type: 'file'|'directory', path, oid, size, lfs?: { oid (sha256), size } }], next page in `Link: <url>; rel="next"`
//   GET {endpoint}/datasets/{repo}/resolve/{revision}/{path}           → the bytes, possibly after redirects
// The token goes only to the endpoint's own origin: a redirect to a CDN on another origin is followed without it.
import { DatasetError } from '../table.ts';
import type { HubEnv } from './env.ts';
import { encodeRepoPath, encodeRevision } from './url.ts';

/** The Hub could not be reached at all (refused, unknown host, timed out): the caller may fall back to the cache. */
export class HubUnreachable extends Error {}

export interface TreeEntry {
  type: 'file' | 'directory';
  path: string;
  oid: string;
  size: number;
  lfs?: { oid: string; size: number };
}

const RETRIES = 3;
const API_TIMEOUT_MS = 15_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusError(spec: string, env: HubEnv, status: number, code: string | null): DatasetError {
  const where = `${env.endpoint} answered ${status}${code ? ` (${code})` : ''}`;
  if (status === 401 || status === 403 || code === 'GatedRepo')
    return new DatasetError(spec, null, `${where}: the dataset is gated, private or unknown${env.token ? ' and HF_TOKEN was refused' : ''}; set HF_TOKEN to a token of an account that accepted the dataset's terms on its Hub page`);
  if (status === 404)
    return new DatasetError(spec, null, `${where}: ${code === 'RevisionNotFound' ? 'no such revision' : code === 'EntryNotFound' ? 'no such file or folder at this revision' : 'no such dataset, revision or file'} on the Hub`);
  if (status >= 500) return new DatasetError(spec, null, `${where} ${RETRIES + 1} times: the Hub is failing, try again later`);
  return new DatasetError(spec, null, `${where}`);
}

/**
 * GET with the Hub's rules: redirects followed by hand (at most 10), the token sent only to the endpoint's
 * origin, 429/5xx retried with backoff, anything else that is not 2xx a one-line DatasetError.
 */
export async function hubGet(env: HubEnv, url: string, spec: string, opts: { timeoutMs?: number } = {}): Promise<Response> {
  const origin = new URL(env.endpoint).origin;
  for (let attempt = 0; ; attempt++) {
    let target = url;
    let res: Response | undefined;
    for (let hop = 0; hop <= 10; hop++) {
      const headers: Record<string, string> = { 'user-agent': 'r1bench' };
      if (env.token && new URL(target).origin === origin) headers.authorization = `Bearer ${env.token}`;
      try {
        res = await fetch(target, { headers, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? API_TIMEOUT_MS) });
      } catch (e) {
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
        throw new HubUnreachable(`cannot reach ${new URL(target).origin} (${cause})`);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        target = new URL(location, target).toString();
        continue;
      }
      break;
    }
    if (!res || (res.status >= 300 && res.status < 400)) throw new DatasetError(spec, null, `${env.endpoint}: too many redirects`);
    if (res.ok) return res;
    await res.body?.cancel();
    if ((res.status >= 500 || res.status === 429) && attempt < RETRIES) {
      await sleep(250 * 2 ** attempt);
      continue;
    }
    throw statusError(spec, env, res.status, res.headers.get('x-error-code'));
  }
}

const apiBase = (env: HubEnv, repo: string) => `${env.endpoint}/api/datasets/${repo}`;

/** The commit a branch, tag or commit names. */
export async function revisionSha(env: HubEnv, repo: string, revision: string, spec: string): Promise<string> {
  const res = await hubGet(env, `${apiBase(env, repo)}/revision/${encodeRevision(revision)}`, spec);
  const body = (await res.json()) as { sha?: unknown };
  if (typeof body.sha !== 'string' || !/^[0-9a-f]{40}$/.test(body.sha)) throw new DatasetError(spec, null, `${env.endpoint}: the revision answer holds no commit sha`);
  return body.sha;
}

function nextLink(header: string | null): string | null {
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

/** Every entry of a folder at a commit ('' is the root), all pages. */
export async function listTree(env: HubEnv, repo: string, sha: string, path: string, recursive: boolean, spec: string): Promise<TreeEntry[]> {
  let url: string | null = `${apiBase(env, repo)}/tree/${encodeRevision(sha)}${path ? `/${encodeRepoPath(path)}` : ''}${recursive ? '?recursive=true' : ''}`;
  const out: TreeEntry[] = [];
  for (let page = 0; url; page++) {
    if (page > 10_000) throw new DatasetError(spec, null, `${env.endpoint}: the tree listing does not end`);
    const res = await hubGet(env, url, spec);
    const body = (await res.json()) as TreeEntry[];
    if (!Array.isArray(body)) throw new DatasetError(spec, null, `${env.endpoint}: the tree listing is not a list`);
    out.push(...body);
    const next = nextLink(res.headers.get('link'));
    url = next ? new URL(next, url).toString() : null;
  }
  return out;
}

export function resolveUrl(env: HubEnv, repo: string, sha: string, path: string): string {
  return `${env.endpoint}/datasets/${repo}/resolve/${encodeRevision(sha)}/${encodeRepoPath(path)}`;
}
