// The model card's numbers are matched exactly: by preset name (or a listed alias), for the whole
// benchmark, and for a model name that names a row (or --reference).
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from '../suites/presets.ts';
import { benchOf, modelCardRow, publishedRating, publishedScore, setReferenceModel, subsetOf } from './model-card.ts';

const PASS1 = { name: 'pass', k: 1 } as const;
const full = (id: string) => ({ id, items: PRESETS[id]?.items ?? 10 });

afterEach(() => setReferenceModel(undefined));

describe('model card references', () => {
  it('maps suite ids exactly: each benchmark its own number, none by substring', () => {
    expect(benchOf('aime24')).toBe('aime24');
    expect(benchOf('aime25')).toBeNull(); // no published R1 number for AIME 2025
    expect(benchOf('aime-sample')).toBeNull();
    expect(benchOf('aime:aime24/test')).toBeNull();
    expect(benchOf('math500')).toBe('math500');
    expect(benchOf('mmlu-pro')).toBe('mmluPro');
    expect(benchOf('mmlu-redux')).toBe('mmluRedux');
    expect(benchOf('mmlu-pro-subset')).toBeNull();
    expect(benchOf('codeforces')).toBeNull(); // open-r1's set, not R1's contests
    expect(benchOf('gpqa:gpqa_diamond')).toBe('gpqaDiamond');
    expect(benchOf('gpqa:gpqa_main')).toBeNull();
    expect(benchOf('livecodebench:test')).toBeNull(); // window unknown
    expect(publishedScore(full('aime24'), PASS1, 'deepseek-r1')!.value).toBeCloseTo(0.798);
    expect(publishedScore(full('aime25'), PASS1, 'deepseek-r1')).toBeNull();
    expect(publishedScore(full('mmlu-pro'), PASS1, 'deepseek-ai/DeepSeek-R1')!.value).toBeCloseTo(0.84);
    expect(publishedScore({ id: 'mmlu-redux', items: 5700 }, PASS1, 'deepseek-ai/DeepSeek-R1')!.value).toBeCloseTo(0.929);
    expect(publishedScore(full('mmlu'), PASS1, 'deepseek-r1')!.value).toBeCloseTo(0.908);
    expect(publishedScore(full('codeforces'), PASS1, 'deepseek-r1')).toBeNull();
  });

  it('gives a subset (fewer items than the benchmark) no mark', () => {
    expect(subsetOf({ id: 'aime24', items: 10 })).toBe("aime24 covers 10 of the benchmark's 30 items");
    expect(publishedScore({ id: 'aime24', items: 10 }, PASS1, 'deepseek-r1')).toBeNull();
    expect(publishedScore({ id: 'gpqa:gpqa_diamond', items: 4 }, PASS1, 'deepseek-r1')).toBeNull();
    expect(publishedScore({ id: 'gpqa:gpqa_diamond', items: 198 }, PASS1, 'deepseek-r1')!.value).toBeCloseTo(0.715);
    // A partial run planned the whole set: still the benchmark.
    expect(publishedScore({ id: 'math500', items: 120, plannedItems: 500 }, PASS1, 'deepseek-r1')!.value).toBeCloseTo(0.973);
  });

  it('matches models by name, and an unknown name only through --reference', () => {
    expect(modelCardRow('deepseek-ai/DeepSeek-R1-Distill-Qwen-14B')).toBe('Distill-Qwen-14B');
    expect(modelCardRow('DeepSeek-R1-Distill-Qwen-1.5B')).toBe('Distill-Qwen-1.5B');
    expect(modelCardRow('deepseek-r1:671b')).toBe('DeepSeek-R1');
    expect(modelCardRow('deepseek-reasoner')).toBe('DeepSeek-R1');
    expect(modelCardRow('DeepSeek-R1-Zero')).toBe('R1-Zero');
    expect(modelCardRow('my-finetune')).toBeNull();
    expect(modelCardRow('deepseek-ai/DeepSeek-R1')).toBe('DeepSeek-R1');
    expect(modelCardRow('deepseek-r1@main')).toBe('DeepSeek-R1');
    // A name that only starts like R1's is another model: no reference unless --reference says so.
    expect(modelCardRow('deepseek-r1-my-finetune')).toBeNull();
    expect(modelCardRow('deepseek-r1-sim')).toBeNull();
    expect(modelCardRow('deepseek-r1-distill-qwen-3b')).toBeNull(); // no such distill
    expect(publishedScore(full('aime24'), PASS1, 'my-finetune')).toBeNull();
    setReferenceModel('Distill-Qwen-7B');
    const ref = publishedScore(full('aime24'), PASS1, 'my-finetune')!;
    expect(ref).toMatchObject({ row: 'Distill-Qwen-7B', value: 0.555 });
    expect(ref.source).toMatch(/Distilled Model Evaluation/);
    expect(() => setReferenceModel('gpt-4')).toThrow(/not a model-card row/);
  });

  it('carries each number with its source; cons@64 only for AIME 2024; no MMLU for distills', () => {
    expect(publishedScore(full('aime24'), { name: 'cons', k: 64 }, 'r1-distill-llama-8b')!.value).toBeCloseTo(0.8);
    expect(publishedScore(full('aime24'), { name: 'pass', k: 8 }, 'deepseek-r1')).toBeNull();
    expect(publishedScore(full('math500'), { name: 'cons', k: 64 }, 'r1-distill-llama-8b')).toBeNull();
    expect(publishedScore(full('mmlu'), PASS1, 'deepseek-r1-distill-qwen-7b')).toBeNull();
    expect(publishedScore(full('gpqa-diamond'), PASS1, 'DeepSeek-R1-Zero')!.source).toMatch(/arXiv:2501\.12948/);
    expect(publishedScore(full('livecodebench'), PASS1, 'deepseek-r1')!.source).toMatch(/DeepSeek-R1-Evaluation/);
    expect(publishedRating('DeepSeek-R1')!.value).toBe(2029);
    expect(publishedRating('my-finetune')).toBeNull();
  });
});
