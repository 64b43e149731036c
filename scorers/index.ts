// The scorers folder's public surface.
export { answerPart, scorableAnswer, hasAnswerBox, unscorableVerdict, type SampleInput } from './answer-part.ts';
export type { SampleVerdict, Scorer, ScorerInput } from './scorer.ts';
export { extractMathAnswer, extractFromAnswer, findMathAnswer, lastBoxed, type FoundAnswer } from './math-extract.ts';
export { mathEqual, numbersEqual, isMultiValued } from './math-equal.ts';
export { normalizeAnswer } from './math-normalize.ts';
export { scoreMath, mathScorer } from './math.ts';
export { passAtK } from './pass-at-k.ts';
export { consensus, consensusIndex } from './consensus.ts';
export { mean, stderrOfMean, ci95, normalCdf, normalQuantile, pairedDiff, holm, wilson, proportionInterval, type PairedDiff } from './stats.ts';
export { suiteMetrics, reportedKs, type ItemSamples, type SuiteMetricOptions } from './aggregate.ts';
export { extractChoice, extractChoiceFromAnswer, choiceLetters } from './choice-extract.ts';
export { choiceScorer } from './choice.ts';
export { gpqaScorer, gpqaExtracted, originalOption } from './gpqa.ts';
export { extractGpqaChoice, type GpqaChoice } from './gpqa-extract.ts';
export { mmluBreakdown, macroAverage, macroStderr } from './mmlu-breakdown.ts';
export { scoreRun, scoreSuite, ScoreError, type ScoreRunOptions } from './score-run.ts';
export { itemMetricValue, answerEqualFor, type AnswerEqual } from './item-reduce.ts';
