// The leaderboard site: index.html ranking model variants x hardware profiles, one report page per
// run, and the table as CSV and JSON beside it. Every page is self-contained.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RunResults } from '../types.ts';
import { esc, num, page, pct, raw, section, table } from './html.ts';
import { metricLabel } from './item-metrics.ts';
import { loadRun } from './load-run.ts';
import { summarizePerf } from './perf.ts';
import { renderReport } from './report.ts';
import { ReportInputError } from './errors.ts';

export interface LeaderboardRow {
  rank: number;
  model: string;
  hardware: string;
  runId: string;
  report: string;
  /** Mean of the headline scores over the suites this run has. */
  meanScore: number | null;
  suites: Record<string, { metric: string; value: number; ci95: [number, number] } | null>;
  ttftP95Ms: number | null;
  tpotP50Ms: number | null;
  outputTokensPerSec: number | null;
  peakMemoryMb: number | null;
}

/** A readable hardware label from the optional profile: id, else GPUs, plus engine and quantization. */
export function hardwareLabel(hw: Record<string, unknown> | undefined): string {
  if (!hw) return 'unknown hardware';
  const o = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const gpus = Array.isArray(o(hw.host).gpus) ? (o(hw.host).gpus as unknown[]).map((g) => String(o(g).name ?? '')).filter(Boolean) : [];
  const base = typeof hw.id === 'string' ? hw.id : gpus.length ? `${gpus.length}× ${gpus[0]}` : String(o(hw.host).cpu ?? 'unknown hardware');
  const d = o(hw.declared);
  const extra = [d.engine, d.quantization].filter((x) => typeof x === 'string' && x);
  return extra.length ? `${base} (${extra.join(', ')})` : base;
}

const slugOf = (r: RunResults, used: Set<string>): string => {
  const base = `${r.model}-${r.runId}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'run';
  let s = base;
  for (let i = 2; used.has(s); i++) s = `${base}-${i}`;
  used.add(s);
  return s;
};

/** Writes the site into outDir; returns the rows in rank order. */
export async function writeLeaderboard(dirs: string[], outDir: string): Promise<LeaderboardRow[]> {
  if (!dirs.length) throw new ReportInputError('leaderboard: give at least one run directory');
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  const used = new Set<string>();
  const rows: LeaderboardRow[] = [];
  const suiteIds: string[] = [];
  for (const dir of dirs) {
    const run = loadRun(dir);
    try {
      const r = run.results;
      const slug = slugOf(r, used);
      const report = `runs/${slug}.html`;
      writeFileSync(join(outDir, report), renderReport(run, { samplesPath: join(outDir, 'runs', `${slug}.samples.jsonl`) }));
      const perf = summarizePerf(run.store);
      const suites: LeaderboardRow['suites'] = {};
      for (const s of r.suites) {
        if (!suiteIds.includes(s.id)) suiteIds.push(s.id);
        const m = s.metrics[0];
        suites[s.id] = m ? { metric: metricLabel(m), value: m.value, ci95: m.ci95 } : null;
      }
      const vals = Object.values(suites).filter((x) => x !== null).map((x) => x!.value);
      rows.push({
        rank: 0, model: r.model, hardware: hardwareLabel(r.hardware), runId: r.runId, report,
        meanScore: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null,
        suites,
        ttftP95Ms: perf.performance?.ttftMs?.p95 ?? null,
        tpotP50Ms: perf.performance?.tpotMs?.p50 ?? null,
        outputTokensPerSec: perf.performance?.outputTokensPerSec ?? null,
        peakMemoryMb: perf.peakMemoryMb,
      });
    } finally {
      run.close();
    }
  }
  rows.sort((a, b) => (b.meanScore ?? -1) - (a.meanScore ?? -1));
  rows.forEach((r, i) => (r.rank = i + 1));
  for (const r of rows) for (const id of suiteIds) r.suites[id] ??= null;
  writeFileSync(join(outDir, 'leaderboard.json'), JSON.stringify({ suites: suiteIds, rows }, null, 2) + '\n');
  writeFileSync(join(outDir, 'leaderboard.csv'), leaderboardCsv(rows, suiteIds));
  writeFileSync(join(outDir, 'index.html'), renderLeaderboard(rows, suiteIds));
  return rows;
}

export function leaderboardCsv(rows: LeaderboardRow[], suiteIds: string[]): string {
  const header = ['rank', 'model', 'hardware', 'run_id', 'mean_score', ...suiteIds.flatMap((s) => [`${s}`, `${s}_ci_low`, `${s}_ci_high`]), 'ttft_p95_ms', 'tpot_p50_ms', 'output_tokens_per_s', 'peak_memory_mb', 'report'];
  const body = rows.map((r) => [
    r.rank, r.model, r.hardware, r.runId, r.meanScore ?? '',
    ...suiteIds.flatMap((s): (number | string)[] => (r.suites[s] ? [r.suites[s]!.value, r.suites[s]!.ci95[0], r.suites[s]!.ci95[1]] : ['', '', ''])),
    r.ttftP95Ms ?? '', r.tpotP50Ms ?? '', r.outputTokensPerSec ?? '', r.peakMemoryMb ?? '', r.report,
  ]);
  return stringify([header, ...body]);
}

const FILTER_SCRIPT = `
(function () { var sel = document.getElementById('suite-filter'), t = document.getElementById('leaderboard'); if (!sel || !t) return;
  sel.addEventListener('change', function () { var s = sel.value;
    t.querySelectorAll('[data-suite]').forEach(function (c) { c.style.display = !s || c.getAttribute('data-suite') === s ? '' : 'none'; });
    Array.prototype.forEach.call(t.tBodies[0].rows, function (r) { var has = (r.getAttribute('data-suites') || '').split(' ').indexOf(s) >= 0;
      r.style.display = !s || has ? '' : 'none'; });
  });
})();
`;

export function renderLeaderboard(rows: LeaderboardRow[], suiteIds: string[]): string {
  const head = ['rank', 'model', 'hardware', 'mean', ...suiteIds.map((s) => s), 'TTFT p95 ms', 'TPOT p50 ms', 'tokens/s', 'peak MB'];
  const body = rows.map((r) => [
    r.rank,
    raw(`<a href="${esc(r.report)}">${esc(r.model)}</a>`, r.model),
    r.hardware,
    raw(esc(pct(r.meanScore)), r.meanScore ?? -1),
    ...suiteIds.map((s) => {
      const v = r.suites[s];
      return raw(v ? `<b>${pct(v.value)}</b> <span class="muted small">[${pct(v.ci95[0])}, ${pct(v.ci95[1])}] ${esc(v.metric)}</span>` : '–', v ? v.value : -1);
    }),
    raw(num(r.ttftP95Ms, 0), r.ttftP95Ms ?? Number.MAX_SAFE_INTEGER),
    raw(num(r.tpotP50Ms, 1), r.tpotP50Ms ?? Number.MAX_SAFE_INTEGER),
    raw(num(r.outputTokensPerSec, 1), r.outputTokensPerSec ?? -1),
    raw(num(r.peakMemoryMb, 0), r.peakMemoryMb ?? Number.MAX_SAFE_INTEGER),
  ]);
  const first = 4;
  const html = table(head, body, {
    id: 'leaderboard',
    sortable: true,
    rowData: (i) => ({ suites: Object.keys(rows[i]!.suites).filter((s) => rows[i]!.suites[s]).join(' ') }),
    colData: (j) => (j >= first && j < first + suiteIds.length ? { suite: suiteIds[j - first]! } : undefined),
  });
  const filter = `<label>Suite: <select id="suite-filter"><option value="">all suites</option>${suiteIds.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('')}</select></label>`;
  const intro = `<p class="muted">Ranked by the mean headline score (pass@1) over each run's suites; click a column to sort. Scores show 95% intervals. Data: <a href="leaderboard.csv">CSV</a> · <a href="leaderboard.json">JSON</a>.</p>`;
  return page('r1bench leaderboard', `<h1>r1bench leaderboard</h1>${intro}${section('Model variants × hardware', filter + html)}`, FILTER_SCRIPT);
}
