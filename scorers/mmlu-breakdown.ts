// MMLU's breakdown of a suite's metrics: per subject, per category, and the macro average over subjects.
import type { Item, Metric, SuiteResults } from '../types.ts';
import { suiteMetrics, type ItemSamples, type SuiteMetricOptions } from './aggregate.ts';
import { proportionInterval, stderrOfMean } from './stats.ts';

/** The original paper's four groups, in its order; a category outside them follows, by name. */
const CATEGORY_ORDER = ['stem', 'humanities', 'social_sciences', 'other'];

export type MmluBreakdown = Required<Pick<SuiteResults, 'subjects' | 'categories' | 'macroMetrics'>>;

const key = (m: Pick<Metric, 'name' | 'k'>) => `${m.name}@${m.k}`;

/**
 * The stratified standard error of an equal-weight mean over subjects: sqrt(Σ v_s / n_s) / S, where
 * v_s is subject s's variance of item values (its clustered stderr² · n_s). A subject with one item
 * has no variance of its own: it takes the pooled within-subject variance of the subjects that have
 * two or more. When no subject has two items (e.g. --limit-per-subject 1) subjects are treated as
 * clusters instead: the spread of the subject values, sd / √S. null when neither is possible (one
 * subject of one item).
 */
export function macroStderr(parts: readonly { value: number; stderr: number | null; n: number }[]): number | null {
  const S = parts.length;
  let ss = 0;
  let df = 0;
  for (const p of parts)
    if (p.n >= 2 && p.stderr !== null) {
      ss += p.stderr * p.stderr * p.n * (p.n - 1);
      df += p.n - 1;
    }
  if (df > 0) {
    const pooled = ss / df;
    let variance = 0;
    for (const p of parts) variance += p.n >= 2 && p.stderr !== null ? p.stderr * p.stderr : pooled / Math.max(1, p.n);
    return Math.sqrt(variance) / S;
  }
  return S >= 2 ? stderrOfMean(parts.map((p) => p.value)) : null;
}

/**
 * The mean over subjects of each metric that every subject reports, with macroStderr's standard
 * error and a boundary-safe interval (Wilson with Kish's effective number of items for equal subject
 * weights, S² / Σ 1/n_s, hulled with the normal interval: see stats.ts proportionInterval). `n` is
 * the number of items the subjects hold together.
 */
export function macroAverage(subjects: readonly { items: number; metrics: readonly Metric[] }[]): Metric[] {
  if (subjects.length === 0) return [];
  const S = subjects.length;
  const shared = subjects[0]!.metrics.filter((m) => subjects.every((s) => s.metrics.some((x) => key(x) === key(m))));
  const items = subjects.reduce((sum, s) => sum + s.items, 0);
  return shared.map(({ name, k }) => {
    const parts = subjects.map((s) => s.metrics.find((x) => x.name === name && x.k === k)!);
    const value = parts.reduce((sum, m) => sum + m.value, 0) / S;
    const stderr = macroStderr(parts);
    const effectiveItems = (S * S) / parts.reduce((sum, m) => sum + 1 / Math.max(1, m.n), 0);
    return { name, k, value, stderr, ci95: proportionInterval(value, stderr, effectiveItems), n: items };
  });
}

function compareCategories(a: string, b: string): number {
  const ia = CATEGORY_ORDER.indexOf(a);
  const ib = CATEGORY_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? CATEGORY_ORDER.length : ia) - (ib < 0 ? CATEGORY_ORDER.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per-subject and per-category metrics (the same form as the suite's: see suiteMetrics) and the
 * macro average over subjects. Items come with `meta.subject` and `meta.category`; only items that
 * have an entry in `samples` count, as for the suite's own (micro-averaged) metrics.
 */
export function mmluBreakdown(items: readonly Item[], samples: readonly ItemSamples[], opts: SuiteMetricOptions = {}): MmluBreakdown {
  const byItem = new Map(samples.map((s) => [s.itemId, s]));
  const subjects = new Map<string, { category: string; samples: ItemSamples[] }>();
  const categories = new Map<string, ItemSamples[]>();
  for (const item of items) {
    const s = byItem.get(item.id);
    if (!s) continue;
    const subject = String(item.meta?.subject ?? 'unknown');
    const category = String(item.meta?.category ?? 'other');
    let group = subjects.get(subject);
    if (!group) subjects.set(subject, (group = { category, samples: [] }));
    group.samples.push(s);
    let cat = categories.get(category);
    if (!cat) categories.set(category, (cat = []));
    cat.push(s);
  }
  const subjectRows = [...subjects.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, g]) => ({ id, category: g.category, items: g.samples.length, metrics: suiteMetrics(g.samples, opts) }));
  const categoryRows = [...categories.entries()]
    .sort(([a], [b]) => compareCategories(a, b))
    .map(([id, list]) => ({ id, items: list.length, metrics: suiteMetrics(list, opts) }));
  return { subjects: subjectRows, categories: categoryRows, macroMetrics: macroAverage(subjectRows) };
}
