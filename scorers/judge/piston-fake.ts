// For tests only: a local HTTP server that follows Piston's documented execute API
// (POST /api/v2/execute; compile and run stages with stdout, stderr, code, signal, status, message,
// cpu_time, wall_time, memory). Real Piston cannot run here, so this one executes requests in the
// local bubblewrap sandbox. It records every request so tests can check what the client sent.
import { createServer, type Server } from 'node:http';
import { constants } from 'node:os';
import { CPP_FLAGS } from './compile.ts';
import type { PistonStage } from './piston.ts';
import { OUTPUT_LIMIT_BYTES } from './verdict.ts';
import { readCapped, withRunDir, type JudgeEnv, type RunResult } from './workspace.ts';

interface ExecuteBody {
  language: string; version: string; files: { name?: string; content: string }[]; stdin?: string; args?: string[];
  compile_timeout?: number; run_timeout?: number; compile_cpu_time?: number; run_cpu_time?: number;
  compile_memory_limit?: number; run_memory_limit?: number;
}

const SIGNAL_NAMES = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));
/** Real Piston truncates output at its output_max_size; this one at the judge's output limit. */
const MAX_OUTPUT = OUTPUT_LIMIT_BYTES;

function stage(r: RunResult, cpuLimitMs: number): PistonStage {
  const out = readCapped(r.stdoutPath, MAX_OUTPUT);
  const err = readCapped(r.stderrPath, 64 * 1024);
  const sig = r.exitCode > 128 ? r.exitCode - 128 : 0;
  const timedOut = r.wallKilled || r.cpuMs > cpuLimitMs;
  const status = timedOut ? 'TO' : out.bytes >= MAX_OUTPUT ? 'OL' : sig ? 'SG' : r.exitCode !== 0 ? 'RE' : null;
  return {
    stdout: status === 'OL' ? out.text.slice(0, 1024) : out.text, stderr: err.text,
    code: r.wallKilled || sig ? null : r.exitCode, signal: r.wallKilled ? 'SIGKILL' : sig ? SIGNAL_NAMES[sig] ?? null : null,
    status, message: status === 'TO' ? (r.wallKilled ? 'Time limit exceeded (wall clock)' : 'Time limit exceeded (CPU)') : null,
    cpu_time: Math.round(r.cpuMs), wall_time: Math.round(r.wallMs), memory: r.maxRssKb * 1024,
  };
}

async function execute(env: JudgeEnv, body: ExecuteBody): Promise<Record<string, unknown>> {
  const cpp = body.language === 'c++';
  return withRunDir(env, async (dir) => {
    body.files.forEach((f, i) => dir.file(f.name ?? (i === 0 ? (cpp ? 'main.cpp' : 'main.py') : `file${i}`), f.content));
    const main = body.files[0]!.name ?? (cpp ? 'main.cpp' : 'main.py');
    dir.file('stdin.txt', body.stdin ?? '');
    const memoryMb = (body.run_memory_limit ?? -1) > 0 ? body.run_memory_limit! / (1024 * 1024) : 2048;
    const cpuMs = body.run_cpu_time ?? 3000;
    const runLimits = { memoryMb, cpuSeconds: Math.ceil(cpuMs / 1000) + 1, processes: 32, fileSizeBytes: MAX_OUTPUT, scratchMb: 32 };
    const result: Record<string, unknown> = { language: body.language, version: '0.0.0-fake' };
    if (cpp) {
      dir.dir('out');
      const c = await dir.exec(['/usr/bin/g++', ...CPP_FLAGS, '-o', 'out/prog', main],
        { memoryMb: 2048, cpuSeconds: 30, processes: 32, fileSizeBytes: 256 << 20, scratchMb: 256 }, body.compile_timeout ?? 10_000);
      result.compile = stage(c, body.compile_cpu_time ?? 10_000);
      if (c.exitCode !== 0 || c.wallKilled) return result;
      const r = await dir.exec(['./out/prog', ...(body.args ?? [])], runLimits, body.run_timeout ?? 3000, 'stdin.txt');
      result.run = stage(r, cpuMs);
      return result;
    }
    const r = await dir.exec(['/usr/bin/python3', main, ...(body.args ?? [])], runLimits, body.run_timeout ?? 3000, 'stdin.txt');
    result.run = stage(r, cpuMs);
    return result;
  });
}

export interface FakePiston {
  url: string;
  requests: ExecuteBody[];
  close(): Promise<void>;
}

/** mode 'ok' executes; 'broken' answers 500; 'internal' answers status XX (Piston's internal error). */
export async function startFakePiston(env: JudgeEnv, mode: 'ok' | 'broken' | 'internal' = 'ok'): Promise<FakePiston> {
  const requests: ExecuteBody[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { raw += c; });
    req.on('end', async () => {
      const send = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.method !== 'POST' || req.url !== '/api/v2/execute') return send(404, { message: 'not found' });
      const body = JSON.parse(raw) as ExecuteBody;
      requests.push(body);
      if (mode === 'broken') return send(500, { message: 'down' });
      if (mode === 'internal') return send(200, { language: body.language, version: '0', run: { stdout: '', stderr: '', code: null, signal: null, status: 'XX', message: 'box failed' } });
      if (body.language !== 'c++' && body.language !== 'python') return send(400, { message: `${body.language}-${body.version} runtime is unknown` });
      try {
        send(200, await execute(env, body));
      } catch (e) {
        send(500, { message: (e as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}
