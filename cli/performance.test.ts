import { describe, expect, it } from 'vitest';
import { buildProfile } from '../hardware-profiles/index.ts';
import { deploymentIsLocal } from './performance.ts';

describe('where the deployment runs', () => {
  it('is this machine for a local engine, a loopback server or a watched server process only', () => {
    expect(deploymentIsLocal(['local:/m/model.gguf'])).toBe(true);
    expect(deploymentIsLocal(['http://127.0.0.1:8000/v1', 'http://localhost:8001/v1'])).toBe(true);
    expect(deploymentIsLocal(['http://[::1]:8000/v1'])).toBe(true);
    expect(deploymentIsLocal(['http://gpu-node:8000/v1'])).toBe(false);
    expect(deploymentIsLocal(['http://127.0.0.1:8000/v1', 'https://api.deepseek.com/v1'])).toBe(false);
    expect(deploymentIsLocal(['http://127.0.0.1.evil.com/v1'])).toBe(false);
    expect(deploymentIsLocal(['http://gpu-node:8000/v1'], 1234)).toBe(true);
  });

  it('never labels a remote deployment with the hardware of the client machine', () => {
    const host = { cpu: 'x', cores: 2, memoryGb: 4, gpus: [{ name: 'RTX 4090', memoryMb: 24564 }], os: 'linux', node: 'v20' } as never;
    expect(buildProfile(host, undefined, 'deployment').id).toBe('1xRTX 4090');
    expect(buildProfile(host, undefined, 'client')).toMatchObject({ id: 'remote (undeclared)', hostRole: 'client' });
    expect(buildProfile(host, { gpu: { model: 'H200', count: 8 }, engine: 'vllm' } as never, 'client').id).toBe('8xH200-vllm');
  });
});
