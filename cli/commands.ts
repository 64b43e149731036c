// Every subcommand, in the order `r1bench --help` lists them. Each command's module (and what it imports)
// is loaded only when that command runs: a `run` or `bench` process then holds none of the report and
// leaderboard code, whose ~20 MB of heap made the garbage collector's pauses, and so late chunk
// timestamps, longer while hundreds of streams are read.
import type { Command } from './args.ts';

export interface CommandEntry {
  name: string;
  /** Its line in `r1bench --help`. */
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'demo', summary: 'run the bundled sample suites against the built-in R1 simulator and write a report', load: async () => (await import('./demo-command.ts')).demoCommand },
  { name: 'run', summary: 'run suites against a deployment, score them, write results and a report', load: async () => (await import('./run-command.ts')).runCommand },
  { name: 'suites', summary: "list bundled suites, presets of R1's table and KIND:PATH kinds, with their sources", load: async () => (await import('./suites-command.ts')).suitesCommand },
  { name: 'doctor', summary: 'check that a deployment serves R1 correctly (reasoning split, sampling, max_tokens, usage, ...)', load: async () => (await import('./doctor-command.ts')).doctorCommand },
  { name: 'score', summary: 're-score a stored run (no network), rewrite results.json, samples.csv and the report', load: async () => (await import('./score-command.ts')).scoreCommand },
  { name: 'report', summary: 'write the self-contained HTML report of a run (also written at the end of every run)', load: async () => (await import('./report-commands.ts')).reportCommand },
  { name: 'compare', summary: 'compare runs side by side with paired differences, verdicts and flipped items', load: async () => (await import('./report-commands.ts')).compareCommand },
  { name: 'gate', summary: 'CI regression gate: exit 0 when a candidate run passes the rules, 1 when not, 2 for bad input', load: async () => (await import('./report-commands.ts')).gateCommand },
  { name: 'leaderboard', summary: 'static leaderboard site ranking model variants × hardware profiles', load: async () => (await import('./report-commands.ts')).leaderboardCommand },
  { name: 'bench', summary: 'load-test a deployment: throughput and latency per concurrency level or arrival rate', load: async () => (await import('./bench-command.ts')).benchCommand },
  { name: 'merge', summary: 'combine the run directories of a sharded run (--shard i/n) into one run and score it', load: async () => (await import('./merge-command.ts')).mergeCommand },
  { name: 'serve', summary: 'serve a local GGUF model (node-llama-cpp) as an OpenAI-compatible API', load: async () => (await import('./serve-command.ts')).serveCommand },
  { name: 'simulate', summary: 'serve a simulated R1 deployment (OpenAI-compatible) for tests, demos and fault drills', load: async () => (await import('./simulate-command.ts')).simulateCommand },
];
