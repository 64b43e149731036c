// hf://datasets/OWNER/NAME[@REVISION]/PATH/IN/REPO — the Hub's own path convention (huggingface_hub's
// HfFileSystem, pandas, DuckDB). A revision holding `/` is written percent-encoded (`@refs%2Fconvert%2Fparquet`);
// the Hub's special refs `refs/pr/N` and `refs/convert/NAME` are also accepted as they are.
import { DatasetError } from '../table.ts';

export interface HubRef {
  /** OWNER/NAME */
  repo: string;
  /** Branch, tag or commit as written (default main). */
  revision: string;
  /** Path inside the repository, no leading or trailing slash; '' is the whole repository. */
  path: string;
}

const PREFIX = 'hf://datasets/';
const COMMIT = /^[0-9a-f]{40}$/;
const SPECIAL_REF = /^(refs\/pr\/\d+|refs\/convert\/[^/]+)(?:\/|$)/;

export const isHubPath = (path: string): boolean => path.startsWith('hf://');
export const isCommit = (revision: string): boolean => COMMIT.test(revision);

export function parseHubPath(spec: string): HubRef {
  if (!spec.startsWith(PREFIX)) throw new DatasetError(spec, null, 'expected hf://datasets/OWNER/NAME[@REVISION]/PATH (only dataset repositories are supported)');
  const rest = spec.slice(PREFIX.length);
  const owner = rest.split('/')[0] ?? '';
  const afterOwner = rest.slice(owner.length + 1);
  const at = afterOwner.indexOf('@');
  const slash = afterOwner.indexOf('/');
  let name: string;
  let revision = 'main';
  let path: string;
  if (at >= 0 && (slash < 0 || at < slash)) {
    name = afterOwner.slice(0, at);
    const tail = afterOwner.slice(at + 1);
    const special = SPECIAL_REF.exec(tail);
    const cut = special ? special[1]!.length : tail.indexOf('/') < 0 ? tail.length : tail.indexOf('/');
    revision = decodeURIComponent(tail.slice(0, cut));
    path = tail.slice(cut + 1);
  } else {
    name = slash < 0 ? afterOwner : afterOwner.slice(0, slash);
    path = slash < 0 ? '' : afterOwner.slice(slash + 1);
  }
  path = path.replace(/^\/+|\/+$/g, '');
  if (!owner || !name || !/^[\w.-]+$/.test(owner) || !/^[\w.-]+$/.test(name))
    throw new DatasetError(spec, null, 'expected hf://datasets/OWNER/NAME[@REVISION]/PATH, e.g. hf://datasets/HuggingFaceH4/MATH-500/test.jsonl');
  if (!revision) throw new DatasetError(spec, null, 'empty revision after @');
  if (path.split('/').some((p) => p === '..' || p === '.')) throw new DatasetError(spec, null, 'the path inside the repository may not hold . or .. parts');
  return { repo: `${owner}/${name}`, revision, path };
}

/** The spec pinned to a commit, as the manifest records it: resume, score and merge fetch exactly this. */
export function pinnedHubPath(ref: HubRef, sha: string): string {
  return `${PREFIX}${ref.repo}@${sha}${ref.path ? `/${ref.path}` : ''}`;
}

/** `math:HuggingFaceH4/MATH-500/test`: a suite named after the repository and the path, the file's extension left out. */
export function hubSuiteName(ref: Pick<HubRef, 'repo' | 'path'>): string {
  const path = ref.path.replace(/\.(jsonl|json|csv|parquet|tsv)$/i, '');
  return path ? `${ref.repo}/${path}` : ref.repo;
}

/** A revision in a URL path segment: `refs/convert/parquet` → `refs%2Fconvert%2Fparquet`. */
export const encodeRevision = (revision: string): string => encodeURIComponent(revision);
/** A path inside the repository in a URL: each part encoded, the slashes kept. */
export const encodeRepoPath = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
