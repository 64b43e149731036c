// The generation plan of one request: every token it will send, in order, and which field each goes
// to. Built whole before the first byte so timing, truncation and usage are exact by construction.
import { composeAnswer, decide, promptKeyOf, type Correctness, type KnownItem } from './answers.ts';
import type { ReasoningFormat, SimulatorOptions } from './options.ts';
import { hash53, unit } from './random.ts';
import { reasoningTokens, tokenize } from './reasoning.ts';

export interface Plan {
  tokens: string[];
  /** Tokens [0, reasoningCount) are reasoning (with the think tags when inline). */
  reasoningCount: number;
  finishReason: 'stop' | 'length';
  /** The reasoning goes in this delta field; 'content' when inline. */
  reasoningField: 'reasoning_content' | 'reasoning' | 'content';
  correctness: Correctness;
  /** `suiteId/itemId`, or `prompt:<hash>` for an unknown prompt. */
  itemKey: string;
}

export interface PlanInput {
  known: KnownItem | undefined;
  promptText: string | null;
  sampleKey: string;
  /** null: no limit asked. */
  maxTokens: number | null;
  /** The 'ignore-max-tokens' fault: generate past maxTokens and say "stop". */
  ignoreMaxTokens: boolean;
}

export function buildPlan(o: SimulatorOptions, input: PlanInput): Plan {
  const promptKey = promptKeyOf(input.promptText);
  const itemKey = input.known ? `${input.known.suiteId}/${input.known.item.id}` : promptKey;
  const correctness = decide(o.seed, itemKey, input.sampleKey, o.correctRate, o.noAnswerRate);
  const answer = composeAnswer(input.known, promptKey, correctness, o.seed, input.sampleKey, input.promptText);
  const jitter = o.reasoningJitter * (2 * unit(o.seed, 'length', itemKey, input.sampleKey) - 1);
  let reasoningLength = o.reasoningFormat === 'none' ? 0 : Math.max(0, Math.round(o.reasoningTokens * (1 + jitter)));
  const answerTokens = tokenize(answer.text);
  const tags = o.reasoningFormat === 'inline' ? 2 : o.reasoningFormat === 'inline-no-open' ? 1 : 0;
  if (input.ignoreMaxTokens && input.maxTokens !== null && o.reasoningFormat !== 'none') {
    // Make sure there is something past the limit to ignore.
    reasoningLength = Math.max(reasoningLength, input.maxTokens + 20 - answerTokens.length - tags);
  }
  const reasoning = reasoningTokens({ tokens: reasoningLength, seed: hash53(`${itemKey}\u0001${input.sampleKey}`, o.seed), decoys: answer.decoys });
  const { tokens, reasoningCount } = assemble(o.reasoningFormat, reasoning, answerTokens);
  let finishReason: Plan['finishReason'] = 'stop';
  if (!input.ignoreMaxTokens && input.maxTokens !== null && tokens.length > input.maxTokens) {
    tokens.length = input.maxTokens;
    finishReason = 'length';
  }
  const reasoningField = o.reasoningFormat === 'reasoning' ? 'reasoning' : o.reasoningFormat === 'reasoning_content' || o.reasoningFormat === 'none' ? 'reasoning_content' : 'content';
  return { tokens, reasoningCount: Math.min(reasoningCount, tokens.length), finishReason, reasoningField, correctness, itemKey };
}

/** Reasoning and answer tokens in wire order; inline formats wrap the reasoning in think tags (one token each). */
function assemble(format: ReasoningFormat, reasoning: string[], answer: string[]): { tokens: string[]; reasoningCount: number } {
  const tokens: string[] = [];
  const inContent = format.startsWith('inline') || format === 'untagged';
  if (format === 'inline') tokens.push('<think>');
  for (let i = 0; i < reasoning.length; i++) tokens.push(i === 0 && format.startsWith('inline') ? '\n' + reasoning[i] : reasoning[i]!);
  if (format.startsWith('inline')) tokens.push('\n</think>');
  const reasoningCount = tokens.length;
  for (let i = 0; i < answer.length; i++) {
    // After the reasoning, R1 starts its answer on a fresh paragraph; a separate field starts clean.
    const t = answer[i]!;
    tokens.push(i === 0 ? (inContent && reasoningCount > 0 ? '\n\n' + t.trimStart() : t.trimStart()) : t);
  }
  return { tokens, reasoningCount };
}

/** The plan's text split into its two parts (non-streaming responses, tests). */
export function planText(plan: Plan): { reasoning: string; content: string } {
  return { reasoning: plan.tokens.slice(0, plan.reasoningCount).join(''), content: plan.tokens.slice(plan.reasoningCount).join('') };
}
