// Serving metrics exactly as R1-PROTOCOL.md defines them: per request from a Completion's wire timings,
// per run as latency statistics, throughput over the wall time, and goodput against user SLOs.
import type { Completion, LatencyStats } from '../types.ts';
import { statsOrNull } from './stats.ts';

export interface RequestMetrics {
  ttftMs?: number;
  ttfaMs?: number;
  e2eMs: number;
  /** (E2E − TTFT) / (output tokens − 1); absent without usage or with a single output token. */
  tpotMs?: number;
  itlMs: number[];
  promptTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  answerTokens?: number;
  /** Where the reasoning/answer split came from: the server's usage, or estimated from timing. */
  tokenSplit?: 'usage' | 'estimated';
}

/** SLO limits in ms; a request is "good" when it meets every one given. */
export interface Slo {
  ttftMs?: number;
  ttfaMs?: number;
  tpotMs?: number;
  e2eMs?: number;
}

export interface ServerTimingStats {
  requests: number;
  promptMs: LatencyStats | null;
  predictedMs: LatencyStats | null;
  predictedPerSecond: LatencyStats | null;
  /** Client TTFT minus the server's prompt time: queueing and network, seen from outside. */
  queueAndNetworkMs: LatencyStats | null;
}

export interface Performance {
  /** Requests that completed (errors are counted apart). */
  requests: number;
  errors: number;
  /** Time with at least one request in flight, failed ones included (the union of their intervals: a
   * pause between resumed sessions is not counted). */
  wallMs: number;
  ttftMs: LatencyStats | null;
  ttfaMs: LatencyStats | null;
  tpotMs: LatencyStats | null;
  /** Every gap between token-bearing chunks of every request, pooled (vLLM's ITL). */
  itlMs: LatencyStats | null;
  e2eMs: LatencyStats | null;
  promptTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  answerTokens: number;
  /** 'usage' when every request's server said which tokens were reasoning; otherwise estimated from timing. */
  tokenSplit: 'usage' | 'estimated' | 'mixed' | null;
  outputTokensPerRequest: LatencyStats | null;
  reasoningTokensPerRequest: LatencyStats | null;
  answerTokensPerRequest: LatencyStats | null;
  outputTokensPerSec: number;
  reasoningTokensPerSec: number;
  answerTokensPerSec: number;
  totalTokensPerSec: number;
  requestsPerSec: number;
  goodput: { slo: Slo; requests: number; requestsPerSec: number; fraction: number } | null;
  /** Present when the server reported its own timings (llama.cpp). */
  serverTimings?: ServerTimingStats;
}

/** Per-request metrics; null for a failed request. */
export function requestMetrics(c: Completion): RequestMetrics | null {
  if (c.error) return null;
  const t = c.timing;
  const m: RequestMetrics = { e2eMs: t.endMs, itlMs: t.chunkGapsMs ?? [] };
  if (t.firstTokenMs !== undefined) m.ttftMs = t.firstTokenMs;
  if (t.firstAnswerTokenMs !== undefined) m.ttfaMs = t.firstAnswerTokenMs;
  if (!c.usage) return m;
  const out = c.usage.completionTokens;
  m.promptTokens = c.usage.promptTokens;
  m.outputTokens = out;
  if (m.ttftMs !== undefined && out > 1) m.tpotMs = (t.endMs - m.ttftMs) / (out - 1);
  if (c.usage.reasoningTokens !== undefined) {
    m.reasoningTokens = c.usage.reasoningTokens;
    m.answerTokens = Math.max(0, out - c.usage.reasoningTokens);
    m.tokenSplit = 'usage';
  } else {
    // Tokens come at a steady rate, so the answer's share is its time span over TPOT (exact at a constant rate).
    let answer = 0;
    if (m.ttfaMs !== undefined) answer = m.tpotMs ? Math.round((t.endMs - m.ttfaMs) / m.tpotMs) + 1 : out;
    m.answerTokens = Math.min(out, Math.max(m.ttfaMs === undefined ? 0 : 1, answer));
    m.reasoningTokens = out - m.answerTokens;
    m.tokenSplit = 'estimated';
  }
  return m;
}

function meetsSlo(m: RequestMetrics, slo: Slo): boolean {
  const within = (v: number | undefined, limit: number | undefined, missingOk: boolean) =>
    limit === undefined || (v === undefined ? missingOk : v <= limit);
  // A single-token output has no TPOT to exceed; a request with no token never met a TTFT limit.
  return within(m.ttftMs, slo.ttftMs, false) && within(m.ttfaMs, slo.ttfaMs, false) && within(m.tpotMs, slo.tpotMs, true) && within(m.e2eMs, slo.e2eMs, false);
}

/**
 * Wall time with at least one request in flight: the union of the request intervals. A run resumed an
 * hour later, or merged from shards run at different times, is not charged for the time it was down.
 */
export function busyMs(intervals: [number, number][]): number {
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = [NaN, NaN];
  for (const [a, b] of intervals) {
    if (!(a <= to)) {
      if (to > from) total += to - from;
      [from, to] = [a, b];
    } else if (b > to) to = b;
  }
  if (to > from) total += to - from;
  return total;
}

/** Run-level performance over any number of completions (read once, lazily). */
export function summarizePerformance(completions: Iterable<Completion>, opts: { slo?: Slo } = {}): Performance {
  const ttft: number[] = [], ttfa: number[] = [], tpot: number[] = [], itl: number[] = [], e2e: number[] = [];
  const outPer: number[] = [], reasonPer: number[] = [], answerPer: number[] = [];
  const promptMs: number[] = [], predictedMs: number[] = [], predictedPerSecond: number[] = [], queueMs: number[] = [];
  const splits = new Set<'usage' | 'estimated'>();
  let requests = 0, errors = 0, good = 0, serverReq = 0;
  let promptTokens = 0, outputTokens = 0, reasoningTokens = 0, answerTokens = 0;
  const intervals: [number, number][] = [];
  for (const c of completions) {
    const m = requestMetrics(c);
    // A failed request kept the deployment busy too: its time in flight counts toward the busy time
    // throughput is divided by (a run whose failures are left out would look faster than it was).
    if (c.timing.endMs > 0) intervals.push([c.timing.sentAt, c.timing.sentAt + c.timing.endMs]);
    if (!m) {
      errors++;
      continue;
    }
    requests++;
    if (m.ttftMs !== undefined) ttft.push(m.ttftMs);
    if (m.ttfaMs !== undefined) ttfa.push(m.ttfaMs);
    if (m.tpotMs !== undefined) tpot.push(m.tpotMs);
    for (const g of m.itlMs) itl.push(g);
    e2e.push(m.e2eMs);
    if (m.outputTokens !== undefined) {
      promptTokens += m.promptTokens ?? 0;
      outputTokens += m.outputTokens;
      reasoningTokens += m.reasoningTokens ?? 0;
      answerTokens += m.answerTokens ?? 0;
      outPer.push(m.outputTokens);
      reasonPer.push(m.reasoningTokens ?? NaN);
      answerPer.push(m.answerTokens ?? NaN);
      if (m.tokenSplit) splits.add(m.tokenSplit);
    }
    if (opts.slo && meetsSlo(m, opts.slo)) good++;
    const st = c.serverTimings;
    if (st) {
      serverReq++;
      if (st.promptMs !== undefined) promptMs.push(st.promptMs);
      if (st.predictedMs !== undefined) predictedMs.push(st.predictedMs);
      if (st.predictedPerSecond !== undefined) predictedPerSecond.push(st.predictedPerSecond);
      if (st.promptMs !== undefined && m.ttftMs !== undefined) queueMs.push(m.ttftMs - st.promptMs);
    }
  }
  const wallMs = busyMs(intervals);
  const perSec = (n: number) => (wallMs > 0 ? (n * 1000) / wallMs : 0);
  const perf: Performance = {
    requests,
    errors,
    wallMs,
    ttftMs: statsOrNull(ttft),
    ttfaMs: statsOrNull(ttfa),
    tpotMs: statsOrNull(tpot),
    itlMs: statsOrNull(itl),
    e2eMs: statsOrNull(e2e),
    promptTokens,
    outputTokens,
    reasoningTokens,
    answerTokens,
    tokenSplit: splits.size === 0 ? null : splits.size === 2 ? 'mixed' : [...splits][0]!,
    outputTokensPerRequest: statsOrNull(outPer),
    reasoningTokensPerRequest: statsOrNull(reasonPer),
    answerTokensPerRequest: statsOrNull(answerPer),
    outputTokensPerSec: perSec(outputTokens),
    reasoningTokensPerSec: perSec(reasoningTokens),
    answerTokensPerSec: perSec(answerTokens),
    totalTokensPerSec: perSec(promptTokens + outputTokens),
    requestsPerSec: perSec(requests),
    goodput: opts.slo ? { slo: opts.slo, requests: good, requestsPerSec: perSec(good), fraction: requests + errors ? good / (requests + errors) : 0 } : null,
  };
  if (serverReq)
    perf.serverTimings = {
      requests: serverReq,
      promptMs: statsOrNull(promptMs),
      predictedMs: statsOrNull(predictedMs),
      predictedPerSecond: statsOrNull(predictedPerSecond),
      queueAndNetworkMs: statsOrNull(queueMs),
    };
  return perf;
}

export class SloError extends Error {}

const SLO_KEYS: Record<string, keyof Slo> = { ttft: 'ttftMs', ttfa: 'ttfaMs', tpot: 'tpotMs', e2e: 'e2eMs' };

/** Parses `ttft=2000,tpot=50,e2e=600000` (ms; a value may end in `ms` or `s`). */
export function parseSlo(text: string): Slo {
  const slo: Slo = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [rawKey, rawValue, ...rest] = part.split('=');
    const key = SLO_KEYS[rawKey!.trim().toLowerCase()];
    if (!key || rest.length) throw new SloError(`bad --slo "${text}": unknown key "${rawKey}" (use ttft, ttfa, tpot, e2e, e.g. ttft=2000,tpot=50)`);
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(rawValue ?? '');
    if (!match || Number(match[1]) <= 0) throw new SloError(`bad --slo "${text}": "${rawKey}" needs a positive number of ms, got "${rawValue ?? ''}"`);
    slo[key] = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  }
  if (Object.keys(slo).length === 0) throw new SloError(`bad --slo "${text}": give at least one limit, e.g. ttft=2000,tpot=50,e2e=600000`);
  return slo;
}
