// `r1bench simulate`: the R1 simulator as a standalone server, until Ctrl-C.
import { parseFaultSpec, simulatorFlags, simulatorOptionsHelp, startSimulator, type SimulatorOptions } from '../runners/simulator/index.ts';
import { num, UsageError, type Command, type Options } from './args.ts';

const options: Options = Object.fromEntries(
  simulatorFlags.map((f) => [f.flag.slice(2), f.type === 'boolean' ? { type: 'boolean' } : f.type === 'strings' ? { type: 'string', multiple: true } : { type: 'string' }]),
);

export function simulatorOptionsFromFlags(v: Record<string, any>): Partial<SimulatorOptions> {
  const out: Record<string, unknown> = {};
  for (const f of simulatorFlags) {
    const raw = v[f.flag.slice(2)];
    if (raw === undefined) continue;
    if (f.type === 'number') out[f.option] = num(raw, f.flag);
    else if (f.type === 'list') {
      const list = String(raw).split(',').map(Number);
      if (list.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`${f.flag} expects whole numbers ≥ 1 separated by commas, got "${raw}"`);
      out[f.option] = list.length === 1 ? list[0] : list;
    } else if (f.type === 'faults') out[f.option] = parseFaultSpec(raw);
    else out[f.option] = raw;
  }
  return out as Partial<SimulatorOptions>;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'serve a simulated R1 deployment (OpenAI-compatible) for tests, demos and fault drills',
  help: simulatorOptionsHelp,
  options,
  async run(v) {
    const sim = await startSimulator(simulatorOptionsFromFlags(v));
    process.stdout.write(`R1 simulator listening on ${sim.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    return 0;
  },
};
