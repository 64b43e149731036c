// The leaderboard site: index.html ranking model variants x hardware profiles, one report page per
// run, and the table as CSV and JSON beside it. Every page is self-contained.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RunResults, SuiteResults } from '../types.ts';
import { ciText, esc, num, page, pct, raw, section, table } from './html.ts';
import { metricLabel } from './item-metrics.ts';
import { loadRun } from './load-run.ts';
import { summarizePerf } from './perf.ts';
import { renderReport } from './report.ts';
import { ReportInputError } from './errors.ts';
import { deploymentDifferences, deploymentSummary } from './deployment.ts';
import { hardwareLabel } from './hardware-label.ts';

export interface LeaderboardRow {
  /** 1, 2, … among the runs ranked on the same suites; null for a run that cannot be ranked on them. */
  rank: number | null;
  /** Why the run is not ranked (it lacks a ranking suite, or has it with other content or scorer); null when ranked. */
  unranked: string | null;
  model: string;
  hardware: string;
  runId: string;
  report: string;
  /** Mean of the headline scores over the ranking suites (the same for every ranked run); null when unranked. */
  meanScore: number | null;
  suites: Record<string, { metric: string; value: number; ci95: [number, number] | null } | null>;
  ttftP95Ms: number | null;
  tpotP50Ms: number | null;
  outputTokensPerSec: number | null;
  peakMemoryMb: number | null;
  /** The deployment checks in one line ("all passed", "fail: reasoning-split", "not checked"). */
  deployment: string;
  /** How this run's deployment differed from the top row's with the same hardware label (empty: same). */
  deploymentDiffers: string[];
}

export { hardwareLabel };

const slugOf = (r: RunResults, used: Set<string>): string => {
  const base = `${r.model}-${r.runId}`.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'run';
  let s = base;
  for (let i = 2; used.has(s); i++) s = `${base}-${i}`;
  used.add(s);
  return s;
};

/** What makes a suite's scores comparable across runs: same id, same data, same scorer version. */
interface SuiteKey {
  id: string;
  sig: string;
}
const sigOf = (s: SuiteResults) => `${s.contentHash}\u0000${s.scorer}\u0000${s.scorerVersion}`;

/**
 * The suites runs are ranked on, and why each other run is not ranked. With `suite`: that suite, in
 * the content and scorer version most runs have. Without: every suite all runs have with the same
 * content hash and scorer version; when there is none, the one suite (with its content) most runs
 * share. Only suites with a headline metric count.
 */
export function rankingBasis(runs: readonly RunResults[], suite?: string): { basis: SuiteKey[]; why: (string | null)[] } {
  const scored = (r: RunResults) => r.suites.filter((s) => s.metrics.length > 0);
  const popular = (id: string): SuiteKey | null => {
    const counts = new Map<string, number>();
    for (const r of runs) for (const s of scored(r)) if (s.id === id) counts.set(sigOf(s), (counts.get(sigOf(s)) ?? 0) + 1);
    let best: [string, number] | null = null;
    for (const e of counts) if (!best || e[1] > best[1]) best = e;
    return best ? { id, sig: best[0] } : null;
  };
  let basis: SuiteKey[];
  if (suite !== undefined) {
    const key = popular(suite);
    if (!key) throw new ReportInputError(`--suite ${suite}: no run given has a scored suite of that id`);
    basis = [key];
  } else {
    const first = runs[0] ? scored(runs[0]) : [];
    basis = first.filter((s) => runs.every((r) => scored(r).some((x) => x.id === s.id && sigOf(x) === sigOf(s)))).map((s) => ({ id: s.id, sig: sigOf(s) }));
    if (!basis.length) {
      // No suite in common: rank on the suite (and content) most runs share; ties go to the first seen.
      const ids = [...new Set(runs.flatMap((r) => scored(r).map((s) => s.id)))];
      let best: { key: SuiteKey; n: number } | null = null;
      for (const id of ids) {
        const key = popular(id)!;
        const n = runs.filter((r) => scored(r).some((s) => s.id === id && sigOf(s) === key.sig)).length;
        if (!best || n > best.n) best = { key, n };
      }
      basis = best ? [best.key] : [];
    }
  }
  const why = runs.map((r) => {
    if (!basis.length) return 'no scored suite to rank on';
    const reasons = basis.flatMap((k) => {
      const s = r.suites.find((x) => x.id === k.id);
      if (!s) return [`has no suite ${k.id}`];
      if (!s.metrics.length) return [`${k.id} has no scored items`];
      const [hash, , version] = k.sig.split('\u0000');
      if (s.contentHash !== hash) return [`${k.id} has other content (content hash ${s.contentHash.slice(0, 12)}, ranked runs ${hash!.slice(0, 12)})`];
      if (String(s.scorerVersion) !== version) return [`${k.id} was scored with scorer version ${s.scorerVersion}, ranked runs ${version} (re-score it: r1bench score DIR)`];
      return [];
    });
    return reasons.length ? `not ranked: ${reasons.join('; ')}` : null;
  });
  return { basis, why };
}

/** Writes the site into outDir; returns the rows, ranked runs first in rank order, then the unranked in the order given. */
export async function writeLeaderboard(dirs: string[], outDir: string, opts: { suite?: string } = {}): Promise<LeaderboardRow[]> {
  if (!dirs.length) throw new ReportInputError('leaderboard: give at least one run directory');
  mkdirSync(join(outDir, 'runs'), { recursive: true });
  const used = new Set<string>();
  const rows: LeaderboardRow[] = [];
  const all: RunResults[] = [];
  const suiteIds: string[] = [];
  for (const dir of dirs) {
    const run = loadRun(dir);
    try {
      const r = run.results;
      all.push(r);
      const slug = slugOf(r, used);
      const report = `runs/${slug}.html`;
      writeFileSync(join(outDir, report), renderReport(run, { samplesPath: join(outDir, 'runs', `${slug}.samples.jsonl`) }));
      const perf = summarizePerf(run.store);
      const suites: LeaderboardRow['suites'] = {};
      for (const s of r.suites) {
        if (!suiteIds.includes(s.id)) suiteIds.push(s.id);
        const m = s.metrics[0];
        suites[s.id] = m ? { metric: metricLabel(m), value: m.value, ci95: m.ci95 ?? null } : null;
      }
      rows.push({
        rank: null, unranked: null, model: r.model, hardware: hardwareLabel(r.hardware, r.deployment), runId: r.runId, report,
        meanScore: null,
        suites,
        ttftP95Ms: perf.performance?.ttftMs?.p95 ?? null,
        tpotP50Ms: perf.performance?.tpotMs?.p50 ?? null,
        outputTokensPerSec: perf.performance?.outputTokensPerSec ?? null,
        peakMemoryMb: perf.peakMemoryMb,
        deployment: deploymentSummary(r.deployment),
        deploymentDiffers: [],
      });
    } finally {
      run.close();
    }
  }
  const { basis, why } = rankingBasis(all, opts.suite);
  rows.forEach((row, i) => {
    row.unranked = why[i]!;
    if (!row.unranked) row.meanScore = basis.reduce((a, k) => a + row.suites[k.id]!.value, 0) / basis.length;
  });
  const ranked = rows.filter((r) => r.unranked === null).sort((a, b) => b.meanScore! - a.meanScore!);
  ranked.forEach((r, i) => (r.rank = i + 1));
  const ordered = [...ranked, ...rows.filter((r) => r.unranked !== null)];
  // Runs of one variant on one hardware label should have had the same deployment: say where not.
  for (const [i, r] of ordered.entries()) {
    const ref = ordered.findIndex((x) => x.model === r.model && x.hardware === r.hardware);
    if (ref < i) r.deploymentDiffers = deploymentDifferences(all[rows.indexOf(ordered[ref]!)]!.deployment, all[rows.indexOf(r)]!.deployment, [ordered[ref]!.runId, r.runId]);
  }
  for (const r of ordered) for (const id of suiteIds) r.suites[id] ??= null;
  const rankedOn = basis.map((k) => k.id);
  writeFileSync(join(outDir, 'leaderboard.json'), JSON.stringify({ rankedOn, suites: suiteIds, rows: ordered }, null, 2) + '\n');
  writeFileSync(join(outDir, 'leaderboard.csv'), leaderboardCsv(ordered, suiteIds));
  writeFileSync(join(outDir, 'index.html'), renderLeaderboard(ordered, suiteIds, rankedOn));
  return ordered;
}

export function leaderboardCsv(rows: LeaderboardRow[], suiteIds: string[]): string {
  const header = ['rank', 'model', 'hardware', 'run_id', 'mean_score', ...suiteIds.flatMap((s) => [`${s}`, `${s}_ci_low`, `${s}_ci_high`]), 'ttft_p95_ms', 'tpot_p50_ms', 'output_tokens_per_s', 'peak_memory_mb', 'report', 'unranked_reason', 'deployment_checks', 'deployment_differs'];
  // Empty cells for what a run lacks: a suite, an interval (one item), a rank.
  const body = rows.map((r) => [
    r.rank ?? '', r.model, r.hardware, r.runId, r.meanScore ?? '',
    ...suiteIds.flatMap((s): (number | string)[] => { const v = r.suites[s]; return v ? [v.value, v.ci95?.[0] ?? '', v.ci95?.[1] ?? ''] : ['', '', '']; }),
    r.ttftP95Ms ?? '', r.tpotP50Ms ?? '', r.outputTokensPerSec ?? '', r.peakMemoryMb ?? '', r.report, r.unranked ?? '', r.deployment, r.deploymentDiffers.join('; '),
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

export function renderLeaderboard(rows: LeaderboardRow[], suiteIds: string[], rankedOn: string[] = []): string {
  const head = ['rank', 'model', 'hardware', 'mean', ...suiteIds.map((s) => s), 'TTFT p95 ms', 'TPOT p50 ms', 'tokens/s', 'peak MB', 'deployment checks'];
  const body = rows.map((r) => [
    r.rank !== null ? raw(String(r.rank), r.rank) : raw(`<span class="muted" title="${esc(r.unranked ?? '')}">—</span>`, Number.MAX_SAFE_INTEGER),
    raw(`<a href="${esc(r.report)}">${esc(r.model)}</a>`, r.model),
    r.hardware,
    raw(esc(pct(r.meanScore)), r.meanScore ?? -1),
    ...suiteIds.map((s) => {
      const v = r.suites[s];
      return raw(v ? `<b>${pct(v.value)}</b> <span class="muted small">${esc(ciText(v.ci95))} ${esc(v.metric)}</span>` : '–', v ? v.value : -1);
    }),
    raw(num(r.ttftP95Ms, 0), r.ttftP95Ms ?? Number.MAX_SAFE_INTEGER),
    raw(num(r.tpotP50Ms, 1), r.tpotP50Ms ?? Number.MAX_SAFE_INTEGER),
    raw(num(r.outputTokensPerSec, 1), r.outputTokensPerSec ?? -1),
    raw(num(r.peakMemoryMb, 0), r.peakMemoryMb ?? Number.MAX_SAFE_INTEGER),
    raw(`<span class="${r.deployment === 'all passed' ? 'muted' : 'worse'}">${esc(r.deployment)}</span>`, r.deployment),
  ]);
  const first = 4;
  const html = table(head, body, {
    id: 'leaderboard',
    sortable: true,
    rowData: (i) => ({ suites: Object.keys(rows[i]!.suites).filter((s) => rows[i]!.suites[s]).join(' ') }),
    colData: (j) => (j >= first && j < first + suiteIds.length ? { suite: suiteIds[j - first]! } : undefined),
  });
  const filter = `<label>Suite: <select id="suite-filter"><option value="">all suites</option>${suiteIds.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('')}</select></label>`;
  const basis = rankedOn.length ? `the mean headline score (pass@1) over ${rankedOn.map(esc).join(', ')} (the same data and scorer version in every ranked run)` : 'nothing: no run has a scored suite';
  const intro = `<p class="muted" id="ranked-on">Ranked by ${basis}; click a column to sort. Scores show 95% intervals. Data: <a href="leaderboard.csv">CSV</a> · <a href="leaderboard.json">JSON</a>.</p>`;
  const unranked = rows.filter((r) => r.unranked);
  const notes = unranked.length ? `<ul id="unranked" class="muted">${unranked.map((r) => `<li>${esc(r.model)} (${esc(r.runId)}): ${esc(r.unranked)}</li>`).join('')}</ul>` : '';
  const differs = rows.filter((r) => r.deploymentDiffers.length);
  const diffNotes = differs.length ? `<ul id="deployment-differs" class="worse">${differs.map((r) => `<li>${esc(r.model)} (${esc(r.runId)}) on ${esc(r.hardware)}: deployment differed: ${esc(r.deploymentDiffers.join('; '))}</li>`).join('')}</ul>` : '';
  return page('r1bench leaderboard', `<h1>r1bench leaderboard</h1>${intro}${section('Model variants × hardware', filter + html + notes + diffNotes)}`, FILTER_SCRIPT);
}
