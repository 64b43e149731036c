import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs, simulatorFlags, simulatorOptionsHelp } from './flags.ts';
import { defaultSimulatorOptions, resolveOptions, SimulatorOptionError } from './options.ts';
import { faultKinds } from './faults.ts';
import { startSimulator } from './index.ts';

describe('simulate flags', () => {
  it('parse into options', () => {
    const o = parseSimulatorArgs([
      '--port', '8123', '--seed=9', '--api-key', 'sk-x', '--suite', 'aime-sample', '--suite=mmlu:/data/mmlu.csv',
      '--tokens-per-chunk', '1,4,8', '--timings', '--faults', '429=0.1,cut=0.05', '--reasoning-format', 'inline',
    ]);
    expect(o).toEqual({
      port: 8123,
      seed: 9,
      apiKey: 'sk-x',
      suites: ['aime-sample', 'mmlu:/data/mmlu.csv'],
      tokensPerChunk: [1, 4, 8],
      timings: true,
      faults: { '429': 0.1, cut: 0.05 },
      reasoningFormat: 'inline',
    });
    expect(parseSimulatorArgs(['--tokens-per-chunk', '3'])).toEqual({ tokensPerChunk: 3 });
  });

  it('reject bad flags with one line naming them', () => {
    const cases: [string[], string][] = [
      [['--bogus'], 'unknown option "--bogus"'],
      [['--port'], '--port needs a value'],
      [['--port', '--seed', '1'], '--port needs a value'],
      [['--ttft-ms', 'soon'], '--ttft-ms must be a number, got "soon"'],
      [['--faults', 'nope=1'], 'unknown fault "nope"'],
      [['--timings=yes'], '--timings takes no value'],
    ];
    for (const [argv, message] of cases) {
      expect(() => parseSimulatorArgs(argv)).toThrow(SimulatorOptionError);
      expect(() => parseSimulatorArgs(argv)).toThrow(message);
    }
  });

  it('every flag names a real option, and the help lists all flags and fault kinds', () => {
    for (const f of simulatorFlags) {
      expect(Object.keys(defaultSimulatorOptions)).toContain(f.option);
      expect(simulatorOptionsHelp).toContain(f.flag);
    }
    for (const k of faultKinds) expect(simulatorOptionsHelp).toContain(`  ${k} `);
  });
});

describe('options', () => {
  it('are checked, with one line naming the option', async () => {
    const bad: [object, string][] = [
      [{ correctRate: 1.5 }, 'correctRate must be from 0 to 1'],
      [{ ttftMs: -1 }, 'ttftMs must be a number ≥ 0'],
      [{ tokensPerChunk: [2, 0] }, 'tokensPerChunk must be whole numbers ≥ 1'],
      [{ reasoningFormat: 'xml' }, 'reasoningFormat must be one of'],
      [{ faults: { '500': 0.7, '503': 0.7 } }, 'more than 1'],
      [{ seed: 1.5 }, 'seed must be an integer'],
    ];
    for (const [opts, message] of bad) expect(() => resolveOptions(opts)).toThrow(message);
    await expect(startSimulator({ ttftMs: Number.NaN })).rejects.toThrow(SimulatorOptionError);
  });

  it('preload: suites are indexed before startSimulator resolves', async () => {
    const sim = await startSimulator({ preload: true, suites: ['mmlu:/nonexistent.csv'] });
    try {
      expect(sim.stats().loadErrors).toEqual([expect.stringMatching(/^mmlu:\/nonexistent\.csv: /)]);
    } finally {
      await sim.close();
    }
  });
});
