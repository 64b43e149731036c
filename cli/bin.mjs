#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx registers its loader, then main.ts runs.
import { register } from 'tsx/esm/api';
register();
await import('./main.ts');
