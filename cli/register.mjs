// Registers r1bench's TypeScript loader (ts-hooks.mjs) for this process: `node --import ./cli/register.mjs
// script.ts`. Stack traces point into the TypeScript (inline source maps).
import { register } from 'node:module';
process.setSourceMapsEnabled(true);
register('./ts-hooks.mjs', import.meta.url);
