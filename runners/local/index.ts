// Public surface of runners/local/: GGUF models run in-process with node-llama-cpp (an optional dependency,
// imported only when a `local:` target is used), the same engine served over HTTP, and GGUF metadata.
export { createLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions, type LocalProfile } from './local-endpoint.ts';
export { startLocalServer, type LocalServer, type LocalServerOptions } from './server.ts';
export { ggufProfile, readGgufHeader, GgufFormatError, type GgufProfile, type GgufHeader } from './gguf-reader.ts';
export {
  LocalEngineUnavailableError,
  LocalModelError,
  NODE_LLAMA_CPP_VERSION,
  parseLocalTarget,
  type Importer,
} from './engine-loader.ts';
export { DEFAULT_PARALLEL_CPU, DEFAULT_PARALLEL_GPU, DEFAULT_MAX_CONTEXT, type EngineOptions } from './engine.ts';
export type { RssSample } from './rss-sampler.ts';

/** True for targets this folder serves: `local:PATH.gguf`, `local:hf:user/repo:QUANT`. */
export function isLocalTarget(target: string): boolean {
  return target.startsWith('local:');
}
