// What a suite loader may be asked for. Loaders import this, never the registry, so imports run one
// way: registry → loaders → load-options.

export interface LoadOptions {
  /** Suite id for KIND:PATH data (default KIND:<file name without extension>). */
  suiteId?: string;
  /** MMLU: only these subjects. */
  subjects?: string[];
  /** Column mapping for files with unusual names, e.g. { problem: 'text', answer: 'gold' }. */
  columns?: Record<string, string>;
  /** MMLU: k dev examples as few-shot. */
  fewShot?: number;
  /** Codeforces: the language the prompt asks for (default cpp). */
  language?: 'cpp' | 'python';
  /** LiveCodeBench: only problems whose contest_date lies in [since, until] (YYYY-MM-DD, inclusive). */
  since?: string;
  until?: string;
  /** LiveCodeBench: only these difficulties (easy, medium, hard). */
  difficulties?: string[];
}
