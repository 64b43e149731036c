import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildProfile, loadProfile, probeHost, ProfileError } from './profile.ts';

const EXAMPLES = fileURLToPath(new URL('./examples/', import.meta.url));
const tmp = mkdtempSync(join(os.tmpdir(), 'r1bench-profile-'));
const write = (name: string, text: string) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

describe('loadProfile', () => {
  it('loads every shipped example', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(loadProfile(join(EXAMPLES, f)).engine).toBeTruthy();
    const h200 = loadProfile(join(EXAMPLES, '8xH200-vllm.yaml'));
    expect(h200).toMatchObject({ engine: 'vllm', engineVersion: '0.11.0', tensorParallel: 8, gpu: { model: 'H200', count: 8 }, pricePerHourUsd: 28 });
  });

  it('names the bad key in one line: unknown keys, nested keys, wrong types', () => {
    const cases: [string, RegExp][] = [
      ['engine: vllm\ntensorParalel: 8\n', /unknown key "tensorParalel" \(allowed: id, /],
      ['gpu:\n  modle: H200\n', /unknown key "gpu\.modle" \(allowed: model, count, memoryGb\)/],
      ['tensorParallel: eight\n', /"tensorParallel" must be a positive integer, got "eight"/],
      ['gpu:\n  count: 1.5\n', /"gpu\.count" must be a positive integer/],
      ['pricePerHourUsd: -3\n', /"pricePerHourUsd" must be a number of 0 or more/],
      ['gpu: H200\n', /"gpu" must be a mapping/],
      ['- a\n- b\n', /the file must be a mapping/],
      ['engine: [unclosed\n', /bad YAML/],
    ];
    for (const [text, re] of cases) {
      const file = write('bad.yaml', text);
      let err: unknown;
      try {
        loadProfile(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ProfileError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).not.toContain('\n');
    }
    expect(() => loadProfile(join(tmp, 'missing.yaml'))).toThrow(/cannot read \(ENOENT\)/);
  });

  it('an empty file is an empty profile; a numeric version is kept as text', () => {
    expect(loadProfile(write('empty.yaml', ''))).toEqual({});
    expect(loadProfile(write('v.yaml', 'engineVersion: 0.8\n'))).toEqual({ engineVersion: '0.8' });
  });
});

describe('probeHost', () => {
  it('reports this machine: CPU, cores and memory from the OS; no GPUs without nvidia-smi', async () => {
    const host = await probeHost('/nonexistent/nvidia-smi');
    expect(host.cores).toBe(os.availableParallelism());
    expect(host.memoryGb).toBeCloseTo(os.totalmem() / 2 ** 30, 0);
    expect(host.cpu.length).toBeGreaterThan(0);
    expect(host.gpus).toEqual([]);
    expect(host.node).toBe(process.version);
  });

  it('reads GPUs from nvidia-smi (a stand-in script printing the documented output)', async () => {
    const fake = write('nvidia-smi', '#!/bin/sh\necho "0, NVIDIA H200, 143771, 570.86.15"\necho "1, NVIDIA H200, 143771, 570.86.15"\n');
    chmodSync(fake, 0o755);
    const host = await probeHost(fake);
    expect(host.gpus).toEqual([
      { index: 0, name: 'NVIDIA H200', memoryMb: 143771, driver: '570.86.15' },
      { index: 1, name: 'NVIDIA H200', memoryMb: 143771, driver: '570.86.15' },
    ]);
    expect(buildProfile(host).id).toBe('2xNVIDIA H200');
    expect(buildProfile(host, { engine: 'vllm', gpu: { model: 'H200', count: 8 } }).id).toBe('8xH200-vllm');
  });
});
