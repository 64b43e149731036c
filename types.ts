// Types shared by every folder. Nothing here imports anything of ours.

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TestCase {
  input: string;
  output: string;
}

export type Language = 'cpp' | 'python';

export interface SourceCode {
  language: Language;
  code: string;
}

export type Reference =
  | { kind: 'math'; answer: string }
  | { kind: 'choice'; answer: string; choices: string[] } // answer 'A'..'J'
  | CodeReference
  | LiveCodeBenchReference;

export interface CodeReference {
  kind: 'code';
  tests: TestCase[];
  timeLimitMs: number;
  memoryLimitMb: number;
  /** Python checker program (open-r1 convention: prints 1 or 100 when accepted). */
  checker?: string;
  rating?: number;
  /** 'stdio' (default) or 'file': input in input.txt, output in output.txt */
  inputMode?: 'stdio' | 'file';
  /** false when the problem's official tests are incomplete: passing proves less. */
  testsComplete?: boolean;
}

/** A LiveCodeBench problem: its tests stay in the data file until the problem is judged. */
export interface LiveCodeBenchReference {
  kind: 'livecodebench';
  /** Where the problem's row is: a JSONL line (byte offset and length) or a Parquet row (0-based). */
  location: { file: string; offset: number; bytes: number } | { file: string; row: number };
  /** Functional problems: the function the tests call (Solution().<funcName>, else a top-level one). */
  funcName?: string;
  /** Per test (LiveCodeBench's evaluator: 6 s). */
  timeLimitMs: number;
  difficulty: string;
  platform: string;
}

export interface Item {
  /** Stable across machines and file order: the dataset's id column or a hash of the prompt text. */
  id: string;
  prompt: ChatMessage[];
  reference: Reference;
  /** Free-form, e.g. { subject, category } for MMLU, { rating, solutions } for code. */
  meta?: Record<string, unknown>;
  /**
   * Present when an item's samples are shown different prompts (GPQA's options shuffled per sample):
   * sample `sample`'s prompt and what is stored with it. Deterministic: the same on every machine and
   * every call. `prompt` above is then sample 0's prompt.
   */
  forSample?(sample: number): { prompt: ChatMessage[]; variant: SampleVariant };
}

/** What one sample was shown when samples differ; stored with the sample (JSON) for scoring and reports. */
export interface SampleVariant {
  /** Shuffled options: order[p] is the index in `reference.choices` of the option shown at letter p. */
  order?: number[];
  /** The options' texts in the order shown (for the report's drill-down). */
  shown?: string[];
}

export interface SamplingSettings {
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
}

export interface LoadedSuite {
  id: string;
  version: number;
  /** Which scorer scores this suite's completions. */
  scorer: 'math' | 'choice' | 'code' | 'gpqa';
  /** Default samples per item (k). */
  samples: number;
  /** sha256 of the source data (file bytes, or the bundled items' JSON). */
  contentHash: string;
  /** Where the data came from: 'bundled' or an absolute path. */
  source: string;
  items: Item[];
  /** Items left out on purpose (e.g. interactive problems), with the reason. */
  skipped?: { count: number; reason: string };
}

/** One stream chunk's timing, relative to sentAt, as recorded by the client. */
export interface CompletionTiming {
  /** Epoch ms just before the request was written to the socket. */
  sentAt: number;
  /** ms from sentAt to the first chunk that carries a token (reasoning or answer). */
  firstTokenMs?: number;
  /** ms from sentAt to the first answer (content) token after the reasoning. */
  firstAnswerTokenMs?: number;
  /** ms from sentAt to the last token-bearing chunk (or end of stream). */
  endMs: number;
  /** Gaps between successive token-bearing chunks, ms. */
  chunkGapsMs?: number[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens?: number;
}

/** Timings a server reports about itself (llama.cpp `timings`, a local engine). */
export interface ServerTimings {
  promptTokens?: number;
  promptMs?: number;
  predictedTokens?: number;
  predictedMs?: number;
  predictedPerSecond?: number;
}

/** One sample, stored as soon as it arrives. Key: (runId, suiteId, itemId, sample). */
export interface Completion {
  runId: string;
  suiteId: string;
  itemId: string;
  sample: number;
  reasoning: string | null;
  answer: string | null;
  finishReason: string | null;
  usage?: Usage;
  timing: CompletionTiming;
  serverTimings?: ServerTimings;
  endpoint: string;
  attempts: number;
  error?: { kind: string; message: string };
  /** What this sample was shown, for items with per-sample prompts (Item.forSample). */
  variant?: SampleVariant;
}

/** The verdict on one sample. */
export interface Score {
  itemId: string;
  sample: number;
  /** null: not scorable (an error sample counts as incorrect in metrics; see reducers). */
  correct: boolean | null;
  extracted: string | null;
  /** e.g. 'AC', 'WA', 'TLE' for code; 'no-answer', 'truncated' for others. */
  verdict?: string;
  detail?: string;
  /** Math: how the answer was found (boxed, an answer line, or the last number of the answer part). */
  route?: AnswerRoute;
  /** A truncated sample (finish_reason length) whose text held an answer-looking box: never scored. */
  truncatedWithBox?: boolean;
}

export type AnswerRoute = 'boxed' | 'answer-line' | 'last-number';

export interface MetricId {
  name: 'pass' | 'cons' | 'accuracy';
  k: number;
}

export interface Metric extends MetricId {
  value: number;
  /** Standard error clustered by item (0 when every item has the same value); null with fewer than 2 items. */
  stderr: number | null;
  /**
   * 95% interval that behaves at 0% and 100% (the hull of Wilson's score interval with n = items and
   * the clustered normal interval, in [0, 1]); null with fewer than 2 items. Older files (schemaVersion 1)
   * always hold numbers here.
   */
  ci95: [number, number] | null;
  n: number;
}

/**
 * A Codeforces-style rating estimate. `value` and `ci95` are null when the estimate has no finite value:
 * no rated problem solved (`upperBound`: the rating of the easiest rated problem, the estimate lies below
 * it) or every one always solved (`lowerBound`: the hardest). `ci95` is null too with a single rated problem.
 */
export interface RatingEstimate {
  value: number | null;
  ci95: [number, number] | null;
  upperBound?: number;
  lowerBound?: number;
  /** Words for the null cases, e.g. "below the easiest rated problem (800)". */
  note?: string;
}

export interface LatencyStats {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** A sample's outcome in results (one row of samples.csv). */
export interface SuiteResults {
  id: string;
  scorer: 'math' | 'choice' | 'code' | 'gpqa';
  contentHash: string;
  scorerVersion: number;
  items: number;
  samplesPerItem: number;
  /** Headline first: pass@1, then pass@k for k = 2, 4, ..., n, then cons@k. */
  metrics: Metric[];
  truncatedRate: number;
  noAnswerRate: number;
  /** Samples that failed after their retries (counted as incorrect). */
  errors: number;
  /** Math: how many scored answers came from each extraction route, so a model that stopped boxing shows. */
  answerRoutes?: Partial<Record<AnswerRoute, number>>;
  /** Truncated samples whose text held an answer-looking box (a too-tight --max-tokens shows here). */
  truncatedWithBox?: number;
  /** Samples longer than max_tokens: the server ignored the limit. */
  overMaxTokens?: number;
  /** Samples planned but not stored (a stopped run scored as it is): the metrics cover `items` of `plannedItems`. */
  missingSamples?: number;
  plannedItems?: number;
  /** Filled by the MMLU work (issue 3). */
  subjects?: { id: string; category: string; items: number; metrics: Metric[] }[];
  categories?: { id: string; items: number; metrics: Metric[] }[];
  macroMetrics?: Metric[];
  /** Filled by the code suite (issue 4). */
  verdicts?: Record<string, number>;
  rating?: RatingEstimate;
  skipped?: { count: number; reason: string };
  ratingBuckets?: { rating: number; items: number; solveRate: number }[];
  /** LiveCodeBench: the metrics per difficulty (easy, medium, hard) and per platform. */
  difficulties?: { id: string; items: number; metrics: Metric[] }[];
  platforms?: { id: string; items: number; metrics: Metric[] }[];
}

export interface RunResults {
  /** 2: metrics' stderr/ci95 and the rating's value may be null. Readers accept 1 and 2. */
  schemaVersion: 1 | 2;
  runId: string;
  model: string;
  endpoints: string[];
  createdAt: string;
  sampling: SamplingSettings;
  suites: SuiteResults[];
  /** Filled by hardware-profiles (issue 5). */
  performance?: Record<string, unknown>;
  hardware?: Record<string, unknown>;
  /** The cheap `r1bench doctor` checks run before the samples (absent in runs made before them). */
  deployment?: DeploymentChecks;
}

/** One deployment check's finding (r1bench doctor's shape). */
export interface DeploymentCheck {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  observed: string;
  fix: string | null;
}

/** What the checks found on one replica, and what the server said it is. */
export interface ReplicaChecks {
  endpoint: string;
  server: { engine: string | null; version: string | null };
  checks: DeploymentCheck[];
}

/** The run's deployment checks: the newest findings (a resumed run checks again), per replica. */
export interface DeploymentChecks {
  checkedAt: string;
  /** true when --skip-doctor let the run go on despite a failed check. */
  skipDoctor?: boolean;
  checks: ReplicaChecks[];
}
