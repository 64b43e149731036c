// Charts that only some suites have data for: MMLU by subject and category, Codeforces by rating,
// LiveCodeBench by difficulty and platform.
import type { Metric, RunResults, SuiteResults } from '../../types.ts';
import { publishedRating } from '../model-card.ts';
import { ratingText } from '../../scorers/rating.ts';
import { Plot, chart } from './plot.ts';

const head = (ms: Metric[]) => ms[0];
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function groupChart(title: string, groups: { id: string; category?: string; metrics: Metric[] }[], colorByCategory: boolean, label = 'accuracy', sort = true): string {
  const rows = groups
    .filter((g) => head(g.metrics))
    .map((g) => {
      const m = head(g.metrics)!;
      // A subject of one item has no interval: its rule is drawn as a point.
      return { id: g.id, category: g.category ?? g.id, value: m.value, lo: m.ci95 ? clamp01(m.ci95[0]) : m.value, hi: m.ci95 ? clamp01(m.ci95[1]) : m.value };
    })
    .sort((a, b) => (sort ? b.value - a.value : 0));
  return chart(title, {
    marginLeft: 230,
    height: 50 + rows.length * 17,
    x: { domain: [0, 1], tickFormat: '.0%', grid: true, label, axis: 'top' },
    y: { label: null, domain: rows.map((r) => r.id) },
    color: colorByCategory ? { legend: true, label: 'category' } : undefined,
    marks: [
      Plot.barX(rows, { x: 'value', y: 'id', fill: colorByCategory ? 'category' : '#4c78a8', fillOpacity: 0.8, title: (d: any) => `${d.id}: ${(d.value * 100).toFixed(1)}%` }),
      Plot.ruleY(rows, { y: 'id', x1: 'lo', x2: 'hi', stroke: '#333', strokeOpacity: 0.6 }),
    ],
  });
}

export function mmluCharts(s: SuiteResults): string[] {
  const out: string[] = [];
  if (s.categories?.length) out.push(groupChart(`${s.id}: accuracy per category (95% interval)`, s.categories, false));
  if (s.subjects?.length) out.push(groupChart(`${s.id}: accuracy per subject (95% interval)`, s.subjects, true));
  return out;
}

/** LiveCodeBench: pass@1 per difficulty (easy → hard, in that order) and per platform. */
export function breakdownCharts(s: SuiteResults): string[] {
  const out: string[] = [];
  const n = <G extends { id: string; items: number }>(g: G): G => ({ ...g, id: `${g.id} (${g.items})` });
  if (s.difficulties?.length) out.push(groupChart(`${s.id}: pass@1 per difficulty (items; 95% interval)`, s.difficulties.map(n), false, 'pass@1', false));
  if (s.platforms?.length) out.push(groupChart(`${s.id}: pass@1 per platform (items; 95% interval)`, s.platforms.map(n), false, 'pass@1'));
  return out;
}

export function codeforcesChart(s: SuiteResults, r: RunResults): string[] {
  if (!s.ratingBuckets?.length) return [];
  // R1's published rating (2029) was measured on DeepSeek's own contests, not on open-r1's set: no mark for it.
  const openR1 = s.id === 'codeforces' || s.id.startsWith('codeforces:');
  const ref = openR1 ? null : publishedRating(r.model);
  const marks: Plot.Markish[] = [
    Plot.barY(s.ratingBuckets, { x: 'rating', y: 'solveRate', fill: '#4c78a8', title: (d: any) => `rating ${d.rating}: ${(d.solveRate * 100).toFixed(0)}% of ${d.items}` }),
    Plot.text(s.ratingBuckets, { x: 'rating', y: 'solveRate', text: (d: any) => `n=${d.items}`, dy: -7, fontSize: 9 }),
    Plot.ruleY([0]),
  ];
  const notes: string[] = [];
  if (s.rating) notes.push(`Estimated rating ${ratingText(s.rating)}.`);
  if (ref) notes.push(`${ref.label} (full contests, not this problem set).`);
  // Ratings as categories keep bars apart whatever their spacing; the estimate is shown as text and in the summary.
  return [
    chart(
      `${s.id}: solve rate by problem rating${s.rating ? ` — estimated rating ${s.rating.value !== null ? Math.round(s.rating.value) : ratingText(s.rating).split(' (')[0]}` : ''}`,
      { height: 300, x: { type: 'band', label: 'problem rating' }, y: { domain: [0, 1], tickFormat: '.0%', grid: true, label: 'solve rate (pass@1)' }, marks },
      notes.join(' '),
    ),
  ];
}
