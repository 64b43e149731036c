// Entry of a client thread: a worker starts without the main thread's tsx hooks, so it registers its own
// (the same way cli/bin.mjs does) before loading the TypeScript worker.
import { register } from 'tsx/esm/api';
register();
await import('./stream-worker.ts');
