// Entry of a client thread: a worker starts without the main thread's module hooks, so it registers the
// loader (as cli/bin.mjs does) before loading the TypeScript worker.
import '../cli/register.mjs';
await import('./stream-worker.ts');
