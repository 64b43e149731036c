// Every subcommand, in the order `r1bench --help` lists them.
import type { Command } from './args.ts';
import { benchCommand } from './bench-command.ts';
import { demoCommand } from './demo-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { mergeCommand } from './merge-command.ts';
import { compareCommand, gateCommand, leaderboardCommand, reportCommand } from './report-commands.ts';
import { runCommand } from './run-command.ts';
import { scoreCommand } from './score-command.ts';
import { serveCommand } from './serve-command.ts';
import { simulateCommand } from './simulate-command.ts';
import { suitesCommand } from './suites-command.ts';

export const commands: Command[] = [demoCommand, runCommand, suitesCommand, doctorCommand, scoreCommand, reportCommand, compareCommand, gateCommand, leaderboardCommand, benchCommand, mergeCommand, serveCommand, simulateCommand];
