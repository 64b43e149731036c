// The public library API: what a TypeScript user imports from 'r1bench'.
export type * from './types.ts';

// Suites: bundled samples and the user's datasets.
export { loadSuite, DatasetError, UnknownSuiteError, readTable, type LoadOptions } from './suites/index.ts';

// Scoring: extraction, equivalence, reducers, statistics, rating.
export {
  answerPart,
  extractMathAnswer,
  findMathAnswer,
  mathEqual,
  scoreMath,
  mathScorer,
  passAtK,
  consensus,
  extractChoice,
  extractChoiceFromAnswer,
  choiceScorer,
  gpqaScorer,
  extractGpqaChoice,
  suiteMetrics,
  mmluBreakdown,
  mean,
  stderrOfMean,
  ci95,
  pairedDiff,
  holm,
  wilson,
  scoreRun,
  type Scorer,
} from './scorers/index.ts';
export { estimateRating, ratingInterval, ratingEstimate, ratingText, ratingBuckets } from './scorers/rating.ts';
export { compareOutput, createJudge, sandboxAvailable, type Judge, type JudgeOptions, type JudgeResult } from './scorers/judge/index.ts';
export { extractCode, extractCodeFromAnswer } from './scorers/code-extract.ts';
export { optionOrder as gpqaOptionOrder } from './suites/gpqa/shuffle.ts';
export { createCodeScorer } from './scorers/code.ts';

// Running: the streaming client, the run loop, the store, the simulator.
export {
  createHttpEndpoint,
  executeRun,
  runLoop,
  RunStore,
  mergeRuns,
  shardOf,
  GenerationError,
  type Endpoint,
  type GenerationRequest,
  type GenerationResult,
  type ExecuteOptions,
  type RunManifest,
} from './runners/index.ts';
export { startSimulator, parseFaultSpec, type SimulatorOptions } from './runners/simulator/index.ts';

// Results files.
export { writeResultsJson, readResultsJson, writeSamplesCsv } from './reports/results-files.ts';

// Reports: HTML report, compare, CI gate, leaderboard.
export { writeReport, compareRuns, renderCompareText, renderCompareHtml, renderCompareJson, gateRuns, gateMarkdown, gateJunit, writeLeaderboard } from './reports/index.ts';

// Hardware profiles: serving metrics, load tests, machine probe, memory sampling.
export {
  latencyStats,
  requestMetrics,
  summarizePerformance,
  parseSlo,
  runLoadTest,
  probeHost,
  loadProfile,
  startMemorySampler,
  parseNvidiaSmi,
  parsePrometheus,
  costSummary,
  type Performance,
  type Slo,
  type HardwareProfile,
} from './hardware-profiles/index.ts';

// Local GGUF models (needs the optional dependency node-llama-cpp, loaded only when called).
export { createLocalEndpoint, startLocalServer, ggufProfile } from './runners/local/index.ts';
