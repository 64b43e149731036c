// A tiny llama-architecture GGUF with random weights, a small SentencePiece vocabulary and an R1-style chat
// template (the assistant prefix is followed by `<think>\n`), so tests can run the real engine with no download.
// Random weights give random text; a bias on one embedding dimension makes `</think>` and end-of-sequence
// come up often enough that samples finish, and keeps byte and control tokens out of the output.
import { mulberry32 } from '../../../random.ts';
import { GGUF_ALIGNMENT, writeGguf, type GgufTensor, type GgufValue } from './gguf-writer.ts';

export interface TinyModelOptions {
  embeddingLength?: number;
  blockCount?: number;
  feedForwardLength?: number;
  headCount?: number;
  headCountKv?: number;
  contextLength?: number;
  seed?: number;
  /** Logit offsets (before temperature) of end-of-sequence and `</think>` relative to ordinary words. */
  eosLogit?: number;
  thinkEndLogit?: number;
  /** The GGUF's chat template (default TINY_CHAT_TEMPLATE, which opens `<think>`). */
  chatTemplate?: string;
}

export interface TinyModel {
  path: string;
  fileSizeBytes: number;
  parameterCount: number;
  vocab: string[];
  chatTemplate: string;
  options: Required<TinyModelOptions>;
}

const SPECIAL = ['<unk>', '<s>', '</s>', '<|user|>', '<|assistant|>', '<think>', '</think>'];
export const TOKEN = { unk: 0, bos: 1, eos: 2, user: 3, assistant: 4, thinkOpen: 5, thinkClose: 6 } as const;
const WORDS =
  'so the answer is we need to find first then check sum of two three four five value number step wait let me think again because therefore hence total square root prime factor equal plus minus times'.split(
    ' ',
  );
const CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789.,:;!?()[]{}+-=*/\\$^_\'"';

/** R1-distill-like template, written for these tests: no system turn of its own, reasoning forced open. */
export const TINY_CHAT_TEMPLATE =
  "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}<|user|>{{ message['content'] }}" +
  "{% elif message['role'] == 'assistant' %}<|assistant|>{{ message['content'] }}{{ eos_token }}" +
  "{% else %}{{ message['content'] }}{% endif %}{% endfor %}{% if add_generation_prompt %}<|assistant|><think>\n{% endif %}";

/** The same template as an R1 GGUF whose template does not open the think block: the model must write `<think>` itself. */
export const TINY_CHAT_TEMPLATE_NO_THINK = TINY_CHAT_TEMPLATE.replace('<|assistant|><think>\n{% endif %}', '<|assistant|>{% endif %}');

/** Deterministic PRNG so a seed gives the same file. */
const rng = mulberry32;

/** SentencePiece vocabulary: specials, byte fallbacks, characters, and words with every prefix (so merges reach them). */
function buildVocab(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens: string[] = [];
  const scores: number[] = [];
  const types: number[] = [];
  const add = (t: string, score: number, type: number) => {
    if (tokens.includes(t)) return;
    tokens.push(t);
    scores.push(score);
    types.push(type);
  };
  // token_type: 1 normal, 2 unknown, 3 control, 4 user-defined (rendered as text), 6 byte.
  SPECIAL.forEach((t, i) => add(t, 0, i === 0 ? 2 : i >= TOKEN.thinkOpen ? 4 : 3));
  for (let b = 0; b < 256; b++) add(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, 0, 6);
  add('\u2581', -1, 1);
  for (const c of CHARS) add(c, -2, 1);
  for (const w of WORDS) {
    const piece = '\u2581' + w;
    for (let n = 2; n <= piece.length; n++) add(piece.slice(0, n), n, 1);
  }
  return { tokens, scores, types };
}

function randomMatrix(next: () => number, count: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  // Sum of two uniforms: cheap, centred, bounded; the scale is what matters for random weights.
  for (let i = 0; i < count; i++) out[i] = (next() + next() - 1) * scale;
  return out;
}

export function makeTinyGguf(path: string, opts: TinyModelOptions = {}): TinyModel {
  const o: Required<TinyModelOptions> = {
    embeddingLength: 64,
    blockCount: 2,
    feedForwardLength: 128,
    headCount: 4,
    headCountKv: 2,
    contextLength: 4096,
    seed: 1,
    eosLogit: 1.2,
    thinkEndLogit: 2.0,
    chatTemplate: TINY_CHAT_TEMPLATE,
    ...opts,
  };
  const next = rng(o.seed);
  const { tokens, scores, types } = buildVocab();
  const nVocab = tokens.length;
  const e = o.embeddingLength;
  const headDim = e / o.headCount;
  const kvDim = headDim * o.headCountKv;

  // Dimension 0 of every embedding is a constant, so after the final norm it carries a steady value:
  // the weights of output.weight on that dimension act as a per-token logit bias.
  const embd = randomMatrix(next, e * nVocab, 0.6);
  for (let t = 0; t < nVocab; t++) embd[t * e] = 1;
  const output = randomMatrix(next, e * nVocab, 0.3);
  const dim0 = 3; // about what dimension 0 becomes after RMS norm with these scales
  for (let t = 0; t < nVocab; t++) {
    const isByte = types[t] === 6 && tokens[t] !== '<0x0A>';
    const isControl = types[t] === 3 || types[t] === 2 || t === TOKEN.thinkOpen;
    const bias = t === TOKEN.eos ? o.eosLogit : t === TOKEN.thinkClose ? o.thinkEndLogit : isByte || isControl ? -30 : 0;
    output[t * e] = bias / dim0;
  }
  const ones = (n: number) => new Float32Array(n).fill(1);
  const tensors: GgufTensor[] = [
    { name: 'token_embd.weight', dims: [e, nVocab], data: embd },
    { name: 'output_norm.weight', dims: [e], data: ones(e) },
    { name: 'output.weight', dims: [e, nVocab], data: output },
  ];
  // Small output projections keep the residual stream (and so the bias dimension) dominant.
  const s = 1 / Math.sqrt(e);
  for (let b = 0; b < o.blockCount; b++) {
    const p = `blk.${b}.`;
    tensors.push(
      { name: p + 'attn_norm.weight', dims: [e], data: ones(e) },
      { name: p + 'attn_q.weight', dims: [e, e], data: randomMatrix(next, e * e, s * 2) },
      { name: p + 'attn_k.weight', dims: [e, kvDim], data: randomMatrix(next, e * kvDim, s * 2) },
      { name: p + 'attn_v.weight', dims: [e, kvDim], data: randomMatrix(next, e * kvDim, s * 2) },
      { name: p + 'attn_output.weight', dims: [e, e], data: randomMatrix(next, e * e, s * 0.3) },
      { name: p + 'ffn_norm.weight', dims: [e], data: ones(e) },
      { name: p + 'ffn_gate.weight', dims: [e, o.feedForwardLength], data: randomMatrix(next, e * o.feedForwardLength, s * 2) },
      { name: p + 'ffn_up.weight', dims: [e, o.feedForwardLength], data: randomMatrix(next, e * o.feedForwardLength, s * 2) },
      { name: p + 'ffn_down.weight', dims: [o.feedForwardLength, e], data: randomMatrix(next, e * o.feedForwardLength, s * 0.3) },
    );
  }
  const u32 = (value: number): GgufValue => ({ type: 'u32', value });
  const metadata: [string, GgufValue][] = [
    ['general.architecture', { type: 'str', value: 'llama' }],
    ['general.name', { type: 'str', value: 'r1bench tiny random test model' }],
    ['general.file_type', u32(0)], // ALL_F32
    ['general.alignment', u32(GGUF_ALIGNMENT)],
    ['llama.context_length', u32(o.contextLength)],
    ['llama.embedding_length', u32(e)],
    ['llama.block_count', u32(o.blockCount)],
    ['llama.feed_forward_length', u32(o.feedForwardLength)],
    ['llama.attention.head_count', u32(o.headCount)],
    ['llama.attention.head_count_kv', u32(o.headCountKv)],
    ['llama.rope.dimension_count', u32(headDim)],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', u32(nVocab)],
    ['tokenizer.ggml.model', { type: 'str', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'arr', of: 'str', value: tokens }],
    ['tokenizer.ggml.scores', { type: 'arr', of: 'f32', value: scores }],
    ['tokenizer.ggml.token_type', { type: 'arr', of: 'i32', value: types }],
    ['tokenizer.ggml.bos_token_id', u32(TOKEN.bos)],
    ['tokenizer.ggml.eos_token_id', u32(TOKEN.eos)],
    ['tokenizer.ggml.unknown_token_id', u32(TOKEN.unk)],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
    // No leading-space marker before text that follows a special token (as after `<think>`).
    ['tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'str', value: o.chatTemplate }],
  ];
  const fileSizeBytes = writeGguf(path, metadata, tensors);
  const parameterCount = tensors.reduce((n, t) => n + t.data.length, 0);
  return { path, fileSizeBytes, parameterCount, vocab: tokens, chatTemplate: o.chatTemplate, options: o };
}
