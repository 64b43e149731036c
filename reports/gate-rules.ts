// Gate rules from YAML, validated strictly: a misspelt key must fail loudly (one line naming it),
// never be ignored into a gate that checks nothing.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ReportInputError } from './errors.ts';

export interface ScoreRule {
  /** A suite id, or '*' for every suite of the candidate. */
  suite: string;
  /** Absent: the suite's headline metric. `metric: accuracy` in YAML is read as pass@1 (no scorer reports a metric named accuracy). */
  metric?: { name: 'pass' | 'cons'; k: number };
  /** Lowest acceptable value (fraction 0..1). */
  min?: number;
  /** Largest drop versus the baseline that is tolerated (fraction, 0.05 = 5 points). */
  maxDrop?: number;
  /** Lowest acceptable share of the model card's published number (0.9 = 90% of it); exit 2 when the suite has none. */
  minOfReference?: number;
}

export interface PerformanceRules {
  maxTtftP95Ms?: number;
  maxTpotP95Ms?: number;
  minOutputTokensPerSec?: number;
  maxPeakMemoryMb?: number;
  /** Refuse a run whose harness ran late: results.json performance.client.loopDelayP99Ms. */
  maxClientLoopDelayP99Ms?: number;
}

export interface GateRules {
  scores: ScoreRule[];
  performance: PerformanceRules;
  /** Highest acceptable share of truncated samples, per suite. */
  maxTruncationRate?: number;
}

export class GateConfigError extends ReportInputError {
  override name = 'GateConfigError';
}

const TOP = ['scores', 'performance', 'maxTruncationRate'];
const SCORE = ['suite', 'metric', 'k', 'min', 'maxDrop', 'minOfReference'];
const PERF = ['maxTtftP95Ms', 'maxTpotP95Ms', 'minOutputTokensPerSec', 'maxPeakMemoryMb', 'maxClientLoopDelayP99Ms'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function parseGateRules(text: string, file = 'gate rules'): GateRules {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new GateConfigError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (!isObject(doc)) throw new GateConfigError(`${file}: expected a mapping with keys ${TOP.join(', ')}`);
  const bad = (key: string, why: string) => new GateConfigError(`${file}: ${key} ${why}`);
  const unknownKeys = (o: Record<string, unknown>, allowed: string[], where: string) => {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) throw bad(`${where}${k}`, `is not a known key (expected one of: ${allowed.join(', ')})`);
  };
  const number = (v: unknown, key: string, lo: number, hi: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) throw bad(key, `must be a number from ${lo} to ${hi}, got ${JSON.stringify(v)}`);
    return v;
  };
  unknownKeys(doc, TOP, '');
  const rules: GateRules = { scores: [], performance: {} };
  if (doc.scores !== undefined) {
    if (!Array.isArray(doc.scores)) throw bad('scores', 'must be a list of rules');
    doc.scores.forEach((raw, i) => {
      const where = `scores[${i}]`;
      if (!isObject(raw)) throw bad(where, 'must be a mapping');
      unknownKeys(raw, SCORE, `${where}.`);
      if (typeof raw.suite !== 'string' || !raw.suite) throw bad(`${where}.suite`, 'must be a suite id or "*"');
      const rule: ScoreRule = { suite: raw.suite };
      if (raw.metric !== undefined) {
        if (raw.metric !== 'pass' && raw.metric !== 'cons' && raw.metric !== 'accuracy') throw bad(`${where}.metric`, `must be pass, cons or accuracy (= pass@1), got ${JSON.stringify(raw.metric)}`);
        const k = raw.k === undefined ? 1 : number(raw.k, `${where}.k`, 1, 1e6);
        if (!Number.isInteger(k)) throw bad(`${where}.k`, 'must be a whole number');
        // Results name the fraction of correct samples pass@1; 'accuracy' is kept as its familiar name.
        if (raw.metric === 'accuracy' && k !== 1) throw bad(`${where}.k`, `must be 1 with metric accuracy (= pass@1); for more samples use metric: pass, k: ${k}`);
        rule.metric = { name: raw.metric === 'accuracy' ? 'pass' : raw.metric, k };
      } else if (raw.k !== undefined) throw bad(`${where}.k`, 'needs a metric beside it');
      if (raw.min !== undefined) rule.min = number(raw.min, `${where}.min`, 0, 1);
      if (raw.maxDrop !== undefined) rule.maxDrop = number(raw.maxDrop, `${where}.maxDrop`, 0, 1);
      if (raw.minOfReference !== undefined) rule.minOfReference = number(raw.minOfReference, `${where}.minOfReference`, 0, 2);
      if (rule.min === undefined && rule.maxDrop === undefined && rule.minOfReference === undefined) throw bad(where, 'needs min, maxDrop or minOfReference');
      rules.scores.push(rule);
    });
  }
  if (doc.performance !== undefined) {
    if (!isObject(doc.performance)) throw bad('performance', 'must be a mapping');
    unknownKeys(doc.performance, PERF, 'performance.');
    for (const k of PERF) if (doc.performance[k] !== undefined) (rules.performance as Record<string, number>)[k] = number(doc.performance[k], `performance.${k}`, 0, Number.MAX_SAFE_INTEGER);
  }
  if (doc.maxTruncationRate !== undefined) rules.maxTruncationRate = number(doc.maxTruncationRate, 'maxTruncationRate', 0, 1);
  return rules;
}

export function readGateRules(file: string): GateRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new GateConfigError(`cannot read gate rules file ${file}`);
  }
  return parseGateRules(text, file);
}
