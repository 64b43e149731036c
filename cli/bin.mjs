#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: register.mjs installs the loader, then main.ts runs.
import './register.mjs';
await import('./main.ts');
