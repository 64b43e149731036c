// `r1bench report | compare | gate | leaderboard`: reading stored runs, never sending a request.
import { writeFileSync } from 'node:fs';
import {
  compareRuns,
  gateJunit,
  gateMarkdown,
  gateRuns,
  renderCompareHtml,
  renderCompareJson,
  renderCompareText,
  writeLeaderboard,
  writeReport,
} from '../reports/index.ts';
import { setReferenceModel } from '../reports/model-card.ts';
import { UsageError, type Command } from './args.ts';
import { warnIfBeingWritten } from './being-written.ts';

export const reportCommand: Command = {
  name: 'report',
  help: `r1bench report DIR [-o FILE] [--reference NAME]

Writes DIR/report.html (or FILE): one self-contained page with charts, tables and every sample's
reasoning and answer (capped in the page; full texts in FILE's .samples.jsonl companion).
--reference NAME: the model-card row to mark (DeepSeek-R1, R1-Zero, Distill-Qwen-7B, ...) when the
run's model name names none.`,
  options: { output: { type: 'string', short: 'o' }, reference: { type: 'string' } },
  allowPositionals: true,
  async run(v, pos) {
    if (pos.length !== 1) throw new UsageError('expected one run directory: r1bench report DIR');
    setReferenceModel(v.reference);
    warnIfBeingWritten(pos[0]!);
    process.stdout.write(`${await writeReport(pos[0]!, v.output)}\n`);
    return 0;
  },
};

export const compareCommand: Command = {
  name: 'compare',
  help: `r1bench compare DIR_A DIR_B [DIR_C ...] [-o FILE.html] [--json] [--force]

Per suite and metric: each run's value, and for each pair the difference on the items both share
(paired), its standard error, 95% interval and a verdict (better, worse, no detectable difference).
Performance side by side, and the items that flipped. Text on the terminal, HTML with -o, JSON with --json.
Runs whose suites were scored with different scorer versions are refused (exit 2: re-score the older
one with r1bench score DIR) unless --force.`,
  options: { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, force: { type: 'boolean' } },
  allowPositionals: true,
  async run(v, dirs) {
    if (dirs.length < 2) throw new UsageError('compare needs at least two run directories');
    const c = compareRuns(dirs, { force: !!v.force });
    if (v.output) writeFileSync(v.output, renderCompareHtml(c));
    process.stdout.write(v.json ? renderCompareJson(c) + '\n' : renderCompareText(c) + '\n');
    if (v.output) process.stderr.write(`comparison page: ${v.output}\n`);
    return 0;
  },
};

export const gateCommand: Command = {
  name: 'gate',
  help: `r1bench gate --baseline DIR --candidate DIR [--config gate.yaml] [--markdown FILE] [--junit FILE] [--force] [--reference NAME]

Rules (YAML): minimum scores, maximum drop versus the baseline (a regression counts only when the
paired 95% interval of the difference lies below the allowed drop), performance limits, maximum
truncation rate, a share of the model card's number (minOfReference; --reference NAME names the row when
the candidate's model name names none). Without rules: no suite's headline metric may drop significantly (Holm-corrected).
Runs with different suite data or scorer versions, and partial runs (samples not stored), are refused
(exit 2, saying how to fix it: r1bench score DIR re-scores an old run) unless --force.`,
  options: {
    baseline: { type: 'string' },
    candidate: { type: 'string' },
    config: { type: 'string' },
    markdown: { type: 'string' },
    junit: { type: 'string' },
    force: { type: 'boolean' },
    reference: { type: 'string' },
  },
  async run(v) {
    if (!v.baseline || !v.candidate) throw new UsageError('--baseline DIR and --candidate DIR are required');
    setReferenceModel(v.reference);
    const g = await gateRuns({ baseline: v.baseline, candidate: v.candidate, rulesFile: v.config, force: v.force });
    const md = gateMarkdown(g);
    if (v.markdown) writeFileSync(v.markdown, md);
    if (v.junit) writeFileSync(v.junit, gateJunit(g));
    process.stdout.write(md + '\n');
    if (g.error) process.stderr.write(`r1bench gate: ${g.error}\n`);
    return g.exitCode;
  },
};

export const leaderboardCommand: Command = {
  name: 'leaderboard',
  help: `r1bench leaderboard DIR [DIR ...] -o SITE [--suite ID]

Writes SITE/index.html (sortable, filterable by suite), one report page per run, and the table as
leaderboard.csv and leaderboard.json. Runs are ranked on the suites every run has with the same data
and scorer version (or on --suite ID); the others are listed unranked with the reason.`,
  options: { output: { type: 'string', short: 'o' }, suite: { type: 'string' } },
  allowPositionals: true,
  async run(v, dirs) {
    if (!v.output) throw new UsageError('-o SITE is required');
    if (dirs.length === 0) throw new UsageError('give the run directories to rank');
    const rows = await writeLeaderboard(dirs, v.output, { suite: v.suite });
    process.stdout.write(`${v.output}/index.html (${rows.length} runs)\n`);
    return 0;
  },
};
