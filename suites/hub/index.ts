// hf://datasets/... paths for every KIND:PATH suite: see resolve.ts.
export { resolveHubPath, type ResolvedHubPath, type ResolveOptions } from './resolve.ts';
export { hubSuiteName, isHubPath, parseHubPath, pinnedHubPath, type HubRef } from './url.ts';
export { hubEnv, type HubEnv } from './env.ts';
