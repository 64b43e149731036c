// `r1bench suites` lists what --suite accepts, with sources, as a user sees it (a real child process).
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

describe('r1bench suites', () => {
  it('lists bundled suites, presets with their pinned hf:// sources and k, the left-out preset, and the kinds', async () => {
    const r = await runCli(['suites']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^  aime-sample +k 16 /m);
    expect(r.stdout).toMatch(/^  aime24 +k 64 +AIME 2024 \(30 items, model-card mark\)$/m);
    expect(r.stdout).toMatch(/^  aime25 +k 64 +AIME 2025 \(30 items, no model-card mark\)$/m);
    expect(r.stdout).toContain('math:hf://datasets/HuggingFaceH4/MATH-500@ff5b20257d8185524591543f8ff5993951537bb8/test.jsonl');
    expect(r.stdout).toContain('window 2024-08-01..2025-01-31');
    expect(r.stdout).toMatch(/^  mmlu-redux +not available: /m);
    expect(r.stdout).toMatch(/^  livecodebench +LiveCodeBench code_generation_lite/m);
    const json = JSON.parse((await runCli(['suites', '--json'])).stdout);
    expect(json.presets.find((p: { id: string }) => p.id === 'codeforces')).toMatchObject({ kind: 'codeforces', k: 4, referenceMark: false });
    expect(json.kinds.map((k: { kind: string }) => k.kind)).toEqual(['math', 'aime', 'mmlu', 'codeforces', 'livecodebench', 'gpqa']);
  }, 30_000);

  it('a preset with another window is refused before any request (exit 2, one line)', async () => {
    const r = await runCli(['run', '--suite', 'livecodebench', '--since', '2024-01-01', '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('suite livecodebench: the preset fixes --since 2024-08-01');
  }, 30_000);
});
