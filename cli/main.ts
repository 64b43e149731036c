// The `r1bench` command: argument parsing only; the work is done by the folders it calls.
import { parse, UsageError } from './args.ts';
import { commands } from './commands.ts';
import { exitCodeFor, oneLine } from './errors.ts';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'r1bench: evaluate and benchmark DeepSeek-R1 deployments',
    '',
    'usage: r1bench COMMAND [options]   (r1bench COMMAND --help for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const { readFileSync } = await import('node:fs');
    process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  try {
    if (!entry) throw new UsageError(`unknown command "${name}" (see r1bench --help)`);
    const cmd = await entry.load();
    const parsed = parse(cmd, rest);
    if (parsed === 'help') {
      process.stdout.write(cmd.help + '\n');
      return 0;
    }
    return await cmd.run(parsed.values, parsed.positionals);
  } catch (e) {
    process.stderr.write(`r1bench${entry ? ` ${entry.name}` : ''}: ${oneLine(e)}\n`);
    return exitCodeFor(e);
  }
}

const code = await main(process.argv.slice(2));
process.exitCode = code;
