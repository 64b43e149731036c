// The run report: one self-contained HTML file (inline CSS, SVG charts, a small inline script),
// plus a companion JSONL with every sample's full texts.
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RunResults } from '../types.ts';
import { breakdownCharts, codeforcesChart, mmluCharts } from './charts/suite-detail.ts';
import { benchTable, latencyCharts, memoryChart, throughputChart } from './charts/perf.ts';
import { charts } from './charts/plot.ts';
import { lengthCharts, lengthPoints, ratesChart } from './charts/outcomes.ts';
import { samplingCurveChart, scorePerSuiteChart } from './charts/scores.ts';
import { DRILLDOWN_SCRIPT, capPerSample, closeSamplesFile, openSamplesFile, suiteDrilldown } from './drilldown.ts';
import { ciText, esc, num, page, pct, raw, section, table } from './html.ts';
import { answerRoutesText, fewBoxed, truncatedWithBoxText } from './answer-routes.ts';
import { ratingText } from '../scorers/rating.ts';
import { metricLabel } from './item-metrics.ts';
import { loadRun, type LoadedRun } from './load-run.ts';
import { MODEL_CARD_LABEL, publishedScore } from './model-card.ts';
import { clientLoadHtml, summarizePerf, type PerfSummary } from './perf.ts';
import { deploymentHtml } from './deployment.ts';

function summaryTable(r: RunResults): string {
  const rows = r.suites.map((s) => {
    const m = s.metrics[0];
    const ref = m ? publishedScore(s, m, r.model) : null;
    const routes = answerRoutesText(s);
    return [
      s.id,
      s.items + (s.missingSamples ? ` of ${s.plannedItems ?? '?'}` : ''),
      s.samplesPerItem,
      m ? metricLabel(m) : '–',
      m ? raw(`<b>${pct(m.value)}</b> <span class="muted">${esc(ciText(m.ci95))}</span>`) : '–',
      ref ? `${pct(ref.value)} (${ref.row})` : '–',
      pct(s.truncatedRate),
      pct(s.noAnswerRate),
      s.errors,
      s.rating ? `rating ${ratingText(s.rating)}` : s.macroMetrics?.[0] ? `macro ${pct(s.macroMetrics[0].value)}` : '',
      routes ? raw(`<span class="${fewBoxed(s) ? 'worse' : 'muted'}">${esc(routes.replace(/^answers: /, ''))}</span>`) : '–',
    ];
  });
  const others = r.suites.flatMap((s) => s.metrics.slice(1).map((m) => `${s.id} ${metricLabel(m)} ${pct(m.value)} ${ciText(m.ci95)}`));
  const warnings = r.suites.flatMap((s) => {
    const w: string[] = [];
    const boxed = truncatedWithBoxText(s);
    if (boxed) w.push(`${s.id}: ${boxed}`);
    if (s.missingSamples) w.push(`${s.id}: incomplete run: ${s.missingSamples} samples not stored; the numbers cover ${s.items} of ${s.plannedItems ?? '?'} items`);
    return w;
  });
  return (
    table(['suite', 'items', 'k', 'metric', 'score [95% CI]', MODEL_CARD_LABEL, 'truncated', 'no answer', 'errors', '', 'answers found by'], rows, { id: 'summary' }) +
    (warnings.length ? `<ul id="summary-warnings" class="worse">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '') +
    (others.length ? `<details><summary>All metrics</summary><ul>${others.map((o) => `<li>${esc(o)}</li>`).join('')}</ul></details>` : '')
  );
}

const lat = (s: { p50: number; p95: number; p99: number } | null | undefined) => (s ? `${num(s.p50, 0)} / ${num(s.p95, 0)} / ${num(s.p99, 0)}` : '–');

export function perfTable(p: PerfSummary): string {
  const q = p.performance;
  if (!q) return '<p class="muted">No completed requests with timings.</p>';
  return table(
    ['requests', 'TTFT ms p50/p95/p99', 'TTFA ms p50/p95/p99', 'TPOT ms p50/p95/p99', 'E2E ms p50/p95/p99', 'output tokens/s', 'requests/s', 'peak memory MB'],
    [[q.requests, lat(q.ttftMs), lat(q.ttfaMs), lat(q.tpotMs), lat(q.e2eMs), num(q.outputTokensPerSec, 1), num(q.requestsPerSec, 3), num(p.peakMemoryMb, 0)]],
  );
}

/** Nested settings as `a.b.c = value` rows. */
export function flatRows(obj: unknown, prefix = ''): [string, string][] {
  if (obj === null || obj === undefined) return [];
  if (typeof obj !== 'object') return [[prefix || 'value', String(obj)]];
  if (Array.isArray(obj) && obj.every((x) => x === null || typeof x !== 'object')) return [[prefix, obj.join(', ')]];
  return Object.entries(obj).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? flatRows(v, prefix ? `${prefix}.${k}` : k) : [[prefix ? `${prefix}.${k}` : k, String(v)] as [string, string]]));
}

function configSection(run: LoadedRun): string {
  const r = run.results;
  const m = run.manifest;
  const cfg: [string, string][] = [
    ['model', r.model],
    ['run id', r.runId],
    ['created', r.createdAt],
    ['endpoints', r.endpoints.join(', ')],
    ...flatRows(r.sampling, 'sampling'),
    ...(m?.extraBody ? flatRows(m.extraBody, 'extra body') : []),
    ...(m ? flatRows(m.versions, 'versions') : []),
    ...(m?.shard ? ([['shard', `${m.shard.index}/${m.shard.count}`]] as [string, string][]) : []),
  ];
  const suites = r.suites.map((s) => {
    const ms = m?.suites.find((x) => x.id === s.id);
    return [s.id, ms?.spec ?? '', s.scorer, s.scorerVersion, s.contentHash.slice(0, 16), ms?.source ?? '', s.skipped ? `${s.skipped.count} (${s.skipped.reason})` : ''];
  });
  const hw = flatRows(r.hardware);
  return (
    `<h3>Run</h3>${table(['setting', 'value'], cfg)}<h3>Suites</h3>${table(['suite', 'spec', 'scorer', 'scorer version', 'content hash', 'source', 'skipped'], suites)}` +
    `<h3>Hardware profile</h3>${hw.length ? table(['property', 'value'], hw) : '<p class="muted">No hardware profile was recorded for this run.</p>'}`
  );
}

/** Writes the report for a run directory; returns the report's path. */
export async function writeReport(dir: string, outFile?: string): Promise<string> {
  const run = loadRun(dir);
  try {
    const out = outFile ?? join(run.dir, 'report.html');
    const samplesName = basename(out).replace(/\.html?$/i, '') + '.samples.jsonl';
    writeFileSync(out, renderReport(run, { samplesPath: join(dirname(out), samplesName) }));
    return out;
  } finally {
    run.close();
  }
}

export function renderReport(run: LoadedRun, opts: { samplesPath: string | null }): string {
  const r = run.results;
  const perf = summarizePerf(run.store);
  const detail = r.suites.flatMap((s) => [...mmluCharts(s), ...breakdownCharts(s), ...codeforcesChart(s, r)]);
  const store = run.store;
  const suiteIds = r.suites.map((s) => s.id);
  // A load test (r1bench bench) has no suites: its report is the performance part alone.
  const accuracy = r.suites.length > 0;
  const parts = [
    `<h1>r1bench ${accuracy ? 'report' : 'load test'}: ${esc(r.model)}</h1><p class="muted">run ${esc(r.runId)} · ${esc(r.createdAt)} · ${esc(r.endpoints.join(', '))}</p>`,
    ...(accuracy
      ? [
          section('Summary', summaryTable(r), 'summary-section'),
          section('Scores', charts([scorePerSuiteChart(r), samplingCurveChart(r), ...detail]), 'scores'),
          section('Outcomes', charts([...(store ? lengthCharts(lengthPoints(store, suiteIds)) : []), ratesChart(r)]), 'outcomes'),
        ]
      : []),
    section('Performance', clientLoadHtml(r) + (accuracy ? perfTable(perf) : '') + benchTable(run.bench) + charts([...(accuracy ? latencyCharts(store) : []), throughputChart(run.bench), memoryChart(store)]), 'performance'),
    section('Deployment checks', deploymentHtml(r), 'deployment'),
    section('Configuration', configSection(run), 'configuration'),
  ];
  if (accuracy && store) {
    const totalSamples = store.counts().reduce((a, c) => a + c.completed + c.errors, 0);
    const fd = opts.samplesPath ? openSamplesFile(opts.samplesPath) : null;
    try {
      const capChars = capPerSample(totalSamples);
      for (const id of suiteIds) parts.push(suiteDrilldown(store, id, { samplesFd: fd, samplesFileName: opts.samplesPath ? basename(opts.samplesPath) : null, capChars }));
    } finally {
      if (fd !== null) closeSamplesFile(fd);
    }
  } else if (accuracy) parts.push(section('Items', '<p class="muted">No store.sqlite beside results.json: per-item results are not available.</p>'));
  return page(`r1bench: ${r.model} (${r.runId})`, parts.join('\n'), DRILLDOWN_SCRIPT);
}
