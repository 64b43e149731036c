// Before a run: is each endpoint reachable, and does it accept the key? Fails in seconds with one line
// instead of retrying every sample against a wrong URL.
import http from 'node:http';
import https from 'node:https';
import { parseBaseUrl } from './http-client.ts';

export class PreflightError extends Error {}

export interface PreflightResult {
  endpoint: string;
  ok: boolean;
  /** Why it failed (network error, HTTP status). */
  problem?: string;
  /** Model ids listed by GET /models, when the server lists them. */
  models?: string[];
}

export function preflight(baseUrl: string, apiKey: string | undefined, timeoutMs = 10_000): Promise<PreflightResult> {
  const base = parseBaseUrl(baseUrl);
  const mod = base.protocol === 'https:' ? https : http;
  const endpoint = `${base.protocol}//${base.host}${base.pathname.replace(/\/+$/, '')}`;
  return new Promise((resolve) => {
    const req = mod.request(
      { hostname: base.hostname, port: base.port, path: `${base.pathname.replace(/\/+$/, '')}/models`, method: 'GET', timeout: timeoutMs, headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => body.length < 1 << 20 && (body += d));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 401 || status === 403) return resolve({ endpoint, ok: false, problem: `refused the API key (HTTP ${status}): check --api-key-env` });
          let models: string[] | undefined;
          try {
            models = (JSON.parse(body)?.data ?? []).map((m: { id: string }) => m.id).filter(Boolean);
          } catch {
            models = undefined;
          }
          resolve({ endpoint, ok: true, ...(models?.length ? { models } : {}) });
        });
        res.on('error', () => resolve({ endpoint, ok: true }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ endpoint, ok: false, problem: `cannot reach it (${e.code ?? e.message})` }));
    req.end();
  });
}

/** Checks every HTTP endpoint; throws when none can be used, returns the usable ones and warnings. */
export async function preflightAll(urls: string[], apiKey: string | undefined, model: string): Promise<{ usable: string[]; warnings: string[] }> {
  const results = await Promise.all(urls.map((u) => preflight(u, apiKey)));
  const bad = results.filter((r) => !r.ok);
  const auth = bad.find((r) => r.problem?.includes('API key'));
  if (auth) throw new PreflightError(`endpoint ${auth.endpoint} ${auth.problem}`);
  if (bad.length === results.length) throw new PreflightError(bad.map((r) => `endpoint ${r.endpoint}: ${r.problem}`).join('; '));
  const warnings = bad.map((r) => `endpoint ${r.endpoint}: ${r.problem}; running on the others`);
  for (const r of results)
    if (r.ok && r.models && !r.models.includes(model)) warnings.push(`endpoint ${r.endpoint} lists models ${r.models.slice(0, 5).join(', ')} but not "${model}"`);
  return { usable: urls.filter((_, i) => results[i]!.ok), warnings };
}
