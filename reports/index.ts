// The reports folder's public surface: HTML report, compare, CI gate, leaderboard.
export { writeReport, renderReport } from './report.ts';
export { compareRuns, compareLoaded, scorerVersionConflicts, type Comparison, type MetricRow, type PairResult, type Flips, type PerfRow, type Verdict } from './compare.ts';
export { renderCompareText, renderCompareHtml, renderCompareJson } from './compare-render.ts';
export { gateRuns, incomparabilities, partialSuites, type GateOptions, type GateResult, type GateRuleResult } from './gate.ts';
export { gateMarkdown, gateJunit } from './gate-output.ts';
export { parseGateRules, readGateRules, GateConfigError, type GateRules, type ScoreRule, type PerformanceRules } from './gate-rules.ts';
export { writeLeaderboard, renderLeaderboard, leaderboardCsv, hardwareLabel, rankingBasis, type LeaderboardRow } from './leaderboard.ts';
export { loadRun, withRuns, type LoadedRun } from './load-run.ts';
export { ReportInputError } from './errors.ts';
export { esc, scriptJson } from './html.ts';
export { answerRoutesText, truncatedWithBoxText } from './answer-routes.ts';
export { readResultsJson, SCHEMA_VERSIONS } from './results-files.ts';
