// `r1bench merge DIR... -o DIR`: one run from the stores of its shards, then scored.
import { mergeRuns } from '../runners/merge.ts';
import { UsageError, type Command } from './args.ts';
import { finishRun } from './finish.ts';
import { summaryTable } from './summary.ts';

export const mergeCommand: Command = {
  name: 'merge',
  help: `r1bench merge DIR [DIR ...] -o OUT [--partial] [--unsafe-judge]

Combines the stores of the shards of one run (same model, suites, data and sampling) into OUT and
scores the result. Refuses stores made with different settings, and names missing shards and
shards still being written by a running \`r1bench run\` unless --partial is given.`,
  options: { output: { type: 'string', short: 'o' }, partial: { type: 'boolean' }, 'unsafe-judge': { type: 'boolean' } },
  allowPositionals: true,
  async run(v, dirs) {
    if (!v.output) throw new UsageError('-o OUT is required');
    if (dirs.length === 0) throw new UsageError('give the shard run directories to merge');
    const m = mergeRuns(dirs, v.output, { partial: v.partial });
    for (const w of m.warnings) process.stderr.write(`warning: ${w}\n`);
    process.stderr.write(`merged shards ${m.shards.join(', ')} of ${m.shards.length + m.missingShards.length}: ${m.completions} samples into ${m.out}${m.missingShards.length ? ` (missing shards: ${m.missingShards.join(', ')})` : ''}\n`);
    const { results } = await finishRun(m.out, { unsafeJudge: v['unsafe-judge'] });
    process.stdout.write(summaryTable(results) + '\n');
    return 0;
  },
};
