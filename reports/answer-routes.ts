// How a suite's answers were found and how many cut-off samples held a box: one wording for the
// HTML report and the CLI summary, so a model that stopped boxing or a too-tight --max-tokens shows.
import type { AnswerRoute, SuiteResults } from '../types.ts';

const ROUTES: [AnswerRoute, string][] = [
  ['boxed', 'boxed'],
  ['answer-line', 'answer line'],
  ['last-number', 'last number'],
];

/** Shares of the answers found by each route, in the fixed order: "answers: 96% boxed, 3% answer line, 1% last number"; null without counts. */
export function answerRoutesText(s: Pick<SuiteResults, 'answerRoutes'>): string | null {
  const counts = s.answerRoutes;
  if (!counts) return null;
  const total = ROUTES.reduce((a, [r]) => a + (counts[r] ?? 0), 0);
  if (total === 0) return null;
  const parts = ROUTES.filter(([r]) => (counts[r] ?? 0) > 0).map(([r, label]) => `${formatShare((counts[r] ?? 0) / total)} ${label} (${counts[r]})`);
  return `answers: ${parts.join(', ')}`;
}

/** Below 1% (but not 0) reads "<1%", above 99% (but not all) ">99%": a share never rounds into "none" or "all". */
function formatShare(x: number): string {
  if (x > 0 && x < 0.01) return '<1%';
  if (x < 1 && x > 0.99) return '>99%';
  return `${Math.round(x * 100)}%`;
}

/** True when fewer than nine in ten answers were boxed: the report marks the route line as a warning. */
export function fewBoxed(s: Pick<SuiteResults, 'answerRoutes'>): boolean {
  const c = s.answerRoutes;
  if (!c) return false;
  const total = ROUTES.reduce((a, [r]) => a + (c[r] ?? 0), 0);
  return total > 0 && (c.boxed ?? 0) / total < 0.9;
}

/** "12 truncated samples had a box: raise --max-tokens"; null when none had. */
export function truncatedWithBoxText(s: Pick<SuiteResults, 'truncatedWithBox'>): string | null {
  const n = s.truncatedWithBox ?? 0;
  if (n <= 0) return null;
  return `${n} truncated sample${n === 1 ? '' : 's'} had a box: raise --max-tokens (cut-off samples are never scored)`;
}
