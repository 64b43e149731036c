// The YAML run configuration: every run option that a flag sets can live in the file, and a typo is an
// error naming the key.
import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfig } from './config.ts';
import { resolveRun } from './run-command.ts';

describe('run configuration file', () => {
  it('takes clientThreads, skipDoctor, reference and the LiveCodeBench selection', () => {
    const cfg = validateConfig(
      {
        model: 'r1',
        endpoints: ['http://127.0.0.1:9/v1'],
        clientThreads: 2,
        skipDoctor: true,
        reference: 'Distill-Qwen-7B',
        suites: [{ suite: 'aime-sample', since: '2024-08-01', until: '2025-01-31', difficulties: ['easy'] }],
      },
      'run.yaml',
    );
    const { exec } = resolveRun({}, cfg);
    expect(exec.clientThreads).toBe(2);
    expect(exec.doctor).toBe('record');
    expect(exec.suites[0]).toMatchObject({ since: '2024-08-01', until: '2025-01-31', difficulties: ['easy'] });
  });

  it('names a wrong key or value in one line', () => {
    expect(() => validateConfig({ clientThreads: 0 }, 'run.yaml')).toThrow(ConfigError);
    expect(() => validateConfig({ suites: [{ suite: 'x', since: '1 Aug 2024' }] }, 'run.yaml')).toThrow(/since/);
    expect(() => validateConfig({ skipDocter: true }, 'run.yaml')).toThrow(/skipDocter/);
  });
});
