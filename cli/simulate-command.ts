// `r1bench simulate`: the R1 simulator as a standalone server, until Ctrl-C.
import { parseSimulatorArgs, simulatorOptionsHelp, startSimulator } from '../runners/simulator/index.ts';
import type { Command } from './args.ts';

export const simulateCommand: Command = {
  name: 'simulate',
  help: simulatorOptionsHelp,
  options: {},
  raw: true,
  async run(_, argv) {
    const sim = await startSimulator({ preload: true, ...parseSimulatorArgs(argv) });
    process.stdout.write(`R1 simulator listening on ${sim.url} (Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await sim.close();
    return 0;
  },
};
