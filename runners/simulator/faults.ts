// Fault injection (issue 7): which fault, if any, a request gets. Deterministic from the seed, the
// sample key and the attempt number, so a retry of the same sample can succeed where the first failed.
import { unit } from './random.ts';

export const faultKinds = [
  '429', // 429 with Retry-After (seconds)
  '429-no-retry-after', // 429 without Retry-After
  '500',
  '502',
  '503',
  'reset', // connection destroyed before the first byte
  'cut', // stream destroyed mid-way, no [DONE]
  'stall', // no bytes for stallMs mid-way, then the response ends (no [DONE])
  'malformed', // a line `data {bad` mid-stream (not SSE)
  'bad-json', // a `data:` event whose JSON is invalid, mid-stream
  'error-event', // llama.cpp-style `data: {"error":{...}}` mid-stream, then the end
  'ignore-max-tokens', // generates past max_tokens, finish_reason "stop"
  'trickle', // 1 byte every trickleByteMs for trickleMs, then the rest
] as const;

export type FaultKind = (typeof faultKinds)[number];
export type FaultRates = Partial<Record<FaultKind, number>>;

export const faultHelp: Record<FaultKind, string> = {
  '429': '429 Too Many Requests with Retry-After (seconds)',
  '429-no-retry-after': '429 Too Many Requests without Retry-After',
  '500': '500 Internal Server Error (OpenAI-style error JSON)',
  '502': '502 Bad Gateway (plain text, as a proxy sends)',
  '503': '503 Service Unavailable (OpenAI-style error JSON)',
  reset: 'connection reset before the first byte',
  cut: 'stream cut mid-way without [DONE]',
  stall: 'no bytes for stallMs mid-stream, then the end without [DONE]',
  malformed: 'a malformed SSE line (`data {bad`) mid-stream',
  'bad-json': 'a data event with invalid JSON mid-stream',
  'error-event': 'an error event inside the stream (llama.cpp style), then the end',
  'ignore-max-tokens': 'ignores max_tokens: generates past it and says "stop"',
  trickle: 'very slow: 1 byte every trickleByteMs for trickleMs, then the rest',
};

/** A bad --faults value: one line naming the part that is wrong. */
export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

/** Parses `429=0.05,500=0.02,reset=0.01,...` (rates 0..1, summing to at most 1). */
export function parseFaultSpec(spec: string): FaultRates {
  const rates: FaultRates = {};
  let sum = 0;
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new FaultSpecError(`--faults: "${part}" must be KIND=RATE, e.g. 429=0.05`);
    const kind = part.slice(0, eq).trim();
    const text = part.slice(eq + 1).trim();
    if (!(faultKinds as readonly string[]).includes(kind)) {
      throw new FaultSpecError(`--faults: unknown fault "${kind}"; known: ${faultKinds.join(', ')}`);
    }
    const rate = Number(text);
    if (text === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new FaultSpecError(`--faults: rate of "${kind}" must be a number from 0 to 1, got "${text}"`);
    }
    rates[kind as FaultKind] = rate;
    sum += rate;
  }
  checkFaultRates(rates, sum);
  return rates;
}

/** Throws when rates are out of range or sum past 1 (the fault draws share one uniform number). */
export function checkFaultRates(rates: FaultRates, sum?: number): void {
  let total = 0;
  for (const [kind, rate] of Object.entries(rates)) {
    if (!(faultKinds as readonly string[]).includes(kind)) throw new FaultSpecError(`faults: unknown fault "${kind}"`);
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new FaultSpecError(`faults: rate of "${kind}" must be from 0 to 1`);
    total += rate;
  }
  if ((sum ?? total) > 1 + 1e-9) throw new FaultSpecError(`faults: rates sum to ${(sum ?? total).toFixed(3)}, more than 1`);
}

/** The fault for this attempt of this sample, or null. One uniform draw walks the kinds in order. */
export function pickFault(rates: FaultRates, seed: number, sampleKey: string, attempt: number): FaultKind | null {
  let u = unit(seed, 'fault', sampleKey, attempt);
  for (const kind of faultKinds) {
    const rate = rates[kind] ?? 0;
    if (u < rate) return kind;
    u -= rate;
  }
  return null;
}

/** Faults that happen inside a stream, at a chosen chunk. */
export type StreamFault = 'cut' | 'stall' | 'malformed' | 'bad-json' | 'error-event';
export const streamFaults: readonly FaultKind[] = ['cut', 'stall', 'malformed', 'bad-json', 'error-event'];
