// `r1bench score DIR`: re-score a stored run with the current scorers; sends no request.
import { UsageError, type Command } from './args.ts';
import { finishRun } from './finish.ts';
import { warnIfBeingWritten } from './being-written.ts';
import { parseSlo } from '../hardware-profiles/index.ts';
import { summaryTable } from './summary.ts';

export const scoreCommand: Command = {
  name: 'score',
  help: `r1bench score DIR [--unsafe-judge] [--piston-url URL] [--slo ttft=MS,tpot=MS,e2e=MS] [--no-report]

Scores every stored sample of the run in DIR again with the current scorer versions. Sends no request.`,
  options: {
    'unsafe-judge': { type: 'boolean' },
    'piston-url': { type: 'string', multiple: true },
    slo: { type: 'string' },
    'no-report': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(v, positionals) {
    if (positionals.length !== 1) throw new UsageError('expected one run directory: r1bench score DIR');
    const dir = positionals[0]!;
    warnIfBeingWritten(dir);
    const { results, reportFile } = await finishRun(dir, {
      unsafeJudge: v['unsafe-judge'],
      pistonUrls: v['piston-url'],
      slo: v.slo ? parseSlo(v.slo) : undefined,
      report: !v['no-report'],
    });
    process.stdout.write(summaryTable(results) + '\n');
    process.stderr.write(`results: ${dir}/results.json${reportFile ? `, ${reportFile}` : ''}\n`);
    return 0;
  },
};
