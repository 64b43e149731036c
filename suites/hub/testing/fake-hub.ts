// A fake Hugging Face Hub on 127.0.0.1 for tests (no network here), following the documented API that
// suites/hub/api.ts uses: the revision endpoint, the tree listing (recursive or not, paginated by a
// `Link: <…>; rel="next"` header), and resolve, which redirects regular files to another path on the
// same origin and LFS files to a second server on another origin (a CDN), as the Hub does. Errors carry
// the Hub's X-Error-Code header. Every request is logged with whether it carried a token.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFile {
  content: string | Buffer;
  /** Stored in LFS: listed with lfs.oid (sha256) and downloaded from the CDN origin. */
  lfs?: boolean;
}

export interface LoggedRequest {
  server: 'hub' | 'cdn';
  path: string;
  auth: string | null;
}

export interface FakeHub {
  url: string;
  cdnUrl: string;
  requests: LoggedRequest[];
  /** A new commit of the repository holding exactly these files; the refs named (default main) point at it. */
  commit(repo: string, files: Record<string, FakeFile>, refs?: string[]): string;
  /** The repository answers 401 unless the request carries this bearer token. */
  gate(repo: string, token: string): void;
  /** The next n requests answer 503. */
  failNext(n: number): void;
  /** Downloads of this path (any commit) serve other bytes than the listing describes. */
  corrupt(path: string): void;
  close(): Promise<void>;
}

interface Blob {
  bytes: Buffer;
  oid: string;
  lfs?: { oid: string; size: number };
}

const gitSha1 = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

export async function startFakeHub(opts: { pageSize?: number } = {}): Promise<FakeHub> {
  const pageSize = opts.pageSize ?? 2;
  const commits = new Map<string, Map<string, Map<string, Blob>>>(); // repo → sha → path → blob
  const refs = new Map<string, Map<string, string>>();
  const gated = new Map<string, string>();
  const corrupted = new Set<string>();
  const requests: LoggedRequest[] = [];
  const byLfsOid = new Map<string, Buffer>();
  let failing = 0;

  const listen = (s: Server) => new Promise<string>((r) => s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string) => send(res, status, { error: code }, { 'x-error-code': code });

  const cdn = createServer((req, res) => {
    requests.push({ server: 'cdn', path: req.url!, auth: req.headers.authorization ?? null });
    const bytes = byLfsOid.get(req.url!.replace(/^\/lfs\//, '').split('?')[0]!);
    if (!bytes) return error(res, 404, 'EntryNotFound');
    res.writeHead(200, { 'content-length': bytes.length });
    res.end(bytes);
  });
  const cdnUrl = await listen(cdn);

  function sha(repo: string, rev: string): string | undefined {
    return commits.get(repo)?.has(rev) ? rev : refs.get(repo)?.get(rev);
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://x');
    requests.push({ server: 'hub', path: req.url!, auth: req.headers.authorization ?? null });
    if (failing > 0) return failing--, error(res, 503, 'ServiceUnavailable');
    const parts = url.pathname.split('/').slice(1); // raw: an encoded revision stays one part
    const api = parts[0] === 'api';
    const [kind, owner, name, verb, rawRev, ...rest] = api ? parts.slice(1) : parts;
    if (kind === 'resolve-cache') return serveCached(res, url);
    const repo = `${owner}/${name}`;
    if (kind !== 'datasets' || !commits.has(repo)) return error(res, 404, 'RepoNotFound');
    const token = gated.get(repo);
    if (token && req.headers.authorization !== `Bearer ${token}`) return error(res, 401, 'GatedRepo');
    const commit = sha(repo, decodeURIComponent(rawRev ?? ''));
    if (!commit) return error(res, 404, 'RevisionNotFound');
    const files = commits.get(repo)!.get(commit)!;
    const path = rest.map(decodeURIComponent).join('/');
    if (api && verb === 'revision') return send(res, 200, { id: repo, sha: commit });
    if (api && verb === 'tree') return listTree(res, url, files, path);
    if (!api && verb === 'resolve') {
      const blob = files.get(path);
      if (!blob) return error(res, 404, 'EntryNotFound');
      if (blob.lfs) return res.writeHead(302, { location: `${cdnUrl}/lfs/${blob.lfs.oid}` }).end();
      return res.writeHead(307, { location: `/api/resolve-cache/datasets/${repo}/${commit}/${rest.join('/')}` }).end();
    }
    error(res, 404, 'EntryNotFound');
  }

  function serveCached(res: ServerResponse, url: URL) {
    const [, , , owner, name, commit, ...rest] = url.pathname.split('/').slice(1);
    const path = rest.map(decodeURIComponent).join('/');
    const blob = commits.get(`${owner}/${name}`)?.get(commit!)?.get(path);
    if (!blob) return error(res, 404, 'EntryNotFound');
    const bytes = corrupted.has(path) ? Buffer.concat([blob.bytes.subarray(0, -2), Buffer.from('!\n')]) : blob.bytes;
    res.writeHead(200, { 'content-length': bytes.length, etag: `"${blob.oid}"` });
    res.end(bytes);
  }

  function listTree(res: ServerResponse, url: URL, files: Map<string, Blob>, path: string) {
    const recursive = url.searchParams.get('recursive') === 'true';
    const prefix = path ? `${path}/` : '';
    if (path && !([...files.keys()].some((p) => p.startsWith(prefix)))) return error(res, 404, 'EntryNotFound');
    const entries = new Map<string, unknown>();
    for (const [p, b] of files) {
      if (!p.startsWith(prefix)) continue;
      const parts = p.slice(prefix.length).split('/');
      for (let i = 1; i < parts.length && (recursive || i === 1); i++) {
        const dir = prefix + parts.slice(0, i).join('/');
        entries.set(dir, { type: 'directory', oid: createHash('sha1').update(dir).digest('hex'), size: 0, path: dir });
      }
      if (recursive || parts.length === 1) entries.set(p, { type: 'file', oid: b.oid, size: b.lfs ? b.lfs.size : b.bytes.length, path: p, ...(b.lfs ? { lfs: { ...b.lfs, pointerSize: 130 } } : {}) });
    }
    const all = [...entries.values()];
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const headers: Record<string, string> = {};
    if (cursor + pageSize < all.length) {
      const next = new URL(url.pathname + url.search, `http://${url.host}`);
      next.searchParams.set('cursor', String(cursor + pageSize));
      headers.link = `<${server.url}${next.pathname}${next.search}>; rel="next"`;
    }
    send(res, 200, all.slice(cursor, cursor + pageSize), headers);
  }

  const hub = createServer(handle);
  const server = { url: await listen(hub) };
  return {
    url: server.url,
    cdnUrl,
    requests,
    commit(repo, files, names = ['main']) {
      const id = randomBytes(20).toString('hex');
      const blobs = new Map<string, Blob>();
      for (const [p, f] of Object.entries(files)) {
        const bytes = Buffer.from(f.content);
        if (f.lfs) {
          const oid = createHash('sha256').update(bytes).digest('hex');
          byLfsOid.set(oid, bytes);
          blobs.set(p, { bytes, oid: gitSha1(Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${bytes.length}\n`)), lfs: { oid, size: bytes.length } });
        } else blobs.set(p, { bytes, oid: gitSha1(bytes) });
      }
      if (!commits.has(repo)) commits.set(repo, new Map());
      commits.get(repo)!.set(id, blobs);
      if (!refs.has(repo)) refs.set(repo, new Map());
      for (const n of names) refs.get(repo)!.set(n, id);
      return id;
    },
    gate: (repo, token) => void gated.set(repo, token),
    failNext: (n) => void (failing = n),
    corrupt: (path) => void corrupted.add(path),
    close: () => Promise.all([hub, cdn].map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))))).then(() => {}),
  };
}
