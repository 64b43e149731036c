// `r1bench demo`: the whole job on the embedded defaults, against the simulator, within about a minute.
import { join } from 'node:path';
import { startSimulator } from '../runners/simulator/index.ts';
import type { Command } from './args.ts';
import type { RunConfigFile } from './config.ts';
import { runAndReport } from './run-command.ts';

export const demoCommand: Command = {
  name: 'demo',
  help: `r1bench demo [--out DIR] [--no-codeforces]

Starts the R1 simulator on a free port, runs aime-sample (k = 8), mmlu-sample (k = 4) and, when a
code sandbox is available (bubblewrap, g++, python3), codeforces-sample (k = 2) against it, then
prints the summary and where the results and the HTML report are.`,
  options: { out: { type: 'string' }, 'no-codeforces': { type: 'boolean' } },
  async run(v) {
    const say = (s: string) => process.stderr.write(s + '\n');
    const suites: NonNullable<RunConfigFile['suites']> = [
      { suite: 'aime-sample', samples: 8 },
      { suite: 'mmlu-sample', samples: 4 },
    ];
    if (!v['no-codeforces']) {
      const { sandboxAvailable } = await import('../scorers/judge/index.ts');
      const sandbox = await sandboxAvailable();
      if (sandbox.ok) suites.push({ suite: 'codeforces-sample', samples: 2 });
      else say(`skipping codeforces-sample: no code sandbox here (${sandbox.reason}). Install it with: apt-get install -y bubblewrap g++ python3`);
    }
    const sim = await startSimulator({ preload: true, ttftMs: 40, interTokenMs: 1, reasoningTokens: 300, reasoningJitter: 0.5 });
    say(`R1 simulator listening on ${sim.url}`);
    try {
      const out = v.out ?? join('runs', `demo-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`);
      return await runAndReport({ endpoint: [sim.url], model: 'deepseek-r1-sim', out }, { base: { suites, concurrency: 32 }, say, resumeHint: (dir) => `r1bench demo --out ${dir}` });
    } finally {
      await sim.close();
    }
  },
};
