// The scorers folder's public surface.
export { answerPart, scorableAnswer, type SampleInput } from './answer-part.ts';
export type { SampleVerdict, Scorer } from './scorer.ts';
export { extractMathAnswer, extractFromAnswer, lastBoxed } from './math-extract.ts';
export { mathEqual, numbersEqual } from './math-equal.ts';
export { normalizeAnswer } from './math-normalize.ts';
export { scoreMath, mathScorer } from './math.ts';
export { passAtK } from './pass-at-k.ts';
export { consensus, consensusIndex } from './consensus.ts';
export { mean, stderrOfMean, ci95, normalCdf, normalQuantile, pairedDiff, holm, type PairedDiff } from './stats.ts';
export { suiteMetrics, reportedKs, type ItemSamples, type SuiteMetricOptions } from './aggregate.ts';
export { extractChoice, choiceLetters } from './choice-extract.ts';
export { choiceScorer } from './choice.ts';
export { mmluBreakdown, macroAverage } from './mmlu-breakdown.ts';
export { scoreRun, scoreSuite, ScoreError, type ScoreRunOptions } from './score-run.ts';
export { itemMetricValue, answerEqualFor, type AnswerEqual } from './item-reduce.ts';
