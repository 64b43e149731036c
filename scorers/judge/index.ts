// The code judge's public surface: compile and run model-written solutions safely, one verdict each.
import { compareOutput } from './checker.ts';
import { LocalBackend, probeSandbox } from './local.ts';
import { PistonBackend } from './piston.ts';
import { JudgeConfigError, type Judge, type JudgeOptions } from './types.ts';
import { defaultCacheDir } from './workspace.ts';

export { compareOutput };
export { SandboxUnavailableError, JudgeConfigError } from './types.ts';
export type { Judge, JudgeOptions, JudgeResult, Verdict } from './types.ts';
export { OUTPUT_LIMIT_BYTES } from './verdict.ts';

export function createJudge(opts: JudgeOptions = {}): Judge {
  if (opts.backend === 'piston') {
    if (!opts.pistonUrls?.length) throw new JudgeConfigError('judge backend "piston" needs at least one Piston URL (pistonUrls)');
    return new PistonBackend({ urls: opts.pistonUrls, workers: opts.workers });
  }
  return new LocalBackend({ unsafe: opts.unsafe, workers: opts.workers, cacheDir: opts.cacheDir });
}

/** Whether the local sandbox starts on this machine (bubblewrap installed, user namespaces allowed). */
export function sandboxAvailable(cacheDir: string = defaultCacheDir()): Promise<{ ok: boolean; reason?: string }> {
  return probeSandbox(cacheDir);
}
