// node-llama-cpp brings ~700 MB of binaries, so it is an optional dependency loaded only when a `local:`
// target is used. The importer is injectable so the "not installed" path can be tested on a full install.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const NODE_LLAMA_CPP_VERSION = '3.21.1';

/** Imports a module by specifier; the default is a plain dynamic import. */
export type Importer = (specifier: string) => Promise<any>;
export const defaultImporter: Importer = (specifier) => import(specifier);

/** The local engine cannot run: node-llama-cpp (or what it brings) is missing. */
export class LocalEngineUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `local endpoints need node-llama-cpp, which ${detail}: install it with \`npm install node-llama-cpp@${NODE_LLAMA_CPP_VERSION}\` ` +
        '(it is an optional dependency; `npm ci --omit=optional` gives a lean install without it)',
    );
    this.name = 'LocalEngineUnavailableError';
  }
}

/** A `local:` target names no usable model. */
export class LocalModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalModelError';
  }
}

export interface EngineModules {
  nlc: any;
  /** @huggingface/jinja's Template class: renders the GGUF's own chat template as transformers does. */
  Template: new (template: string) => { render(vars: Record<string, unknown>): string };
}

export async function loadEngineModules(importer: Importer = defaultImporter): Promise<EngineModules> {
  let nlc: any;
  try {
    nlc = await importer('node-llama-cpp');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
    throw new LocalEngineUnavailableError(missing ? 'is not installed' : `failed to load (${String((e as Error)?.message ?? e).split('\n')[0]})`);
  }
  let jinja: any = await importer('@huggingface/jinja').catch(() => null);
  if (!jinja) {
    // node-llama-cpp depends on it; when npm did not hoist it, find it from node-llama-cpp's own folder.
    try {
      const from = createRequire(createRequire(import.meta.url).resolve('node-llama-cpp'));
      jinja = await importer(pathToFileURL(from.resolve('@huggingface/jinja')).href);
    } catch {
      jinja = null;
    }
  }
  const Template = jinja?.Template ?? jinja?.default?.Template;
  if (!Template) throw new LocalEngineUnavailableError('is installed without its @huggingface/jinja dependency');
  return { nlc, Template };
}

/** `local:PATH.gguf` or `local:hf:user/repo:QUANT` → the model reference after `local:`. */
export function parseLocalTarget(target: string): { kind: 'file' | 'hub'; ref: string } {
  const ref = target.replace(/^local:/, '');
  if (!ref) throw new LocalModelError(`endpoint "${target}": expected local:PATH.gguf or local:hf:user/repo:QUANT`);
  return { kind: /^(hf|huggingface):/.test(ref) ? 'hub' : 'file', ref };
}

export interface ResolveOptions {
  /** Where hub models are downloaded (node-llama-cpp's default models folder when unset). */
  directory?: string;
  /** Give up when the hub has not answered (no download progress) for this long. */
  connectTimeoutMs?: number;
}

/** A local file path for the target: checks a file, or has node-llama-cpp fetch a hub model (bounded wait). */
export async function resolveModelPath(target: string, nlc: any, opts: ResolveOptions = {}): Promise<string> {
  const { kind, ref } = parseLocalTarget(target);
  if (kind === 'file') {
    if (!existsSync(ref) || !statSync(ref).isFile()) throw new LocalModelError(`local model file not found: ${ref}`);
    return ref;
  }
  const connectTimeoutMs = opts.connectTimeoutMs ?? 30_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no answer for ${connectTimeoutMs} ms`)), connectTimeoutMs);
  };
  arm();
  const timedOut = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  try {
    const resolving = nlc.resolveModelFile(ref, { directory: opts.directory, cli: false, signal: controller.signal, onProgress: arm });
    return await Promise.race([resolving, timedOut]);
  } catch (e) {
    const why = String((e as Error)?.message ?? e).replace(/\s+/g, ' ').slice(0, 160);
    throw new LocalModelError(
      `cannot fetch model "${ref}" from the hub (no network?): ${why}. Download the .gguf where there is a network and use local:PATH.gguf`,
    );
  } finally {
    clearTimeout(timer);
  }
}
