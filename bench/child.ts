// Starts a TypeScript script in its own Node process (so its event loop never shares ours) and
// waits for the first line it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';

export async function startChild(script: string, args: string[] = []): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, [...TS_NODE_ARGS, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (b) => {
      buf += b;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl).trim());
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return { child, firstLine };
}
