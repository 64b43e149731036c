// How a child process loads r1bench's TypeScript: the same loader as the CLI (register.mjs, ts-hooks.mjs).
import { fileURLToPath } from 'node:url';

/** Node's arguments before a TypeScript script: `spawn(process.execPath, [...TS_NODE_ARGS, script, ...args])`. */
export const TS_NODE_ARGS: readonly string[] = ['--import', fileURLToPath(new URL('./register.mjs', import.meta.url))];
