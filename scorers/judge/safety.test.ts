// Malicious solutions through the real judge: each gets its verdict, no process of it survives, and
// the host is unchanged. Every program carries a marker in its command line (C++ re-executes itself
// with it, Python passes it as an argument) so survivors can be found in /proc even while other
// test files run sandboxes at the same time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeReference, SourceCode } from '../../types.ts';
import { createJudge } from './index.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-safety-'));
const judge = createJudge({ cacheDir, workers: 2 });
const MARK = `r1bmark${process.pid}x${Date.now() % 100000}`;
const hostDir = mkdtempSync(join(tmpdir(), 'r1bench-safety-host-'));
const SECRET = `secret-${MARK}-do-not-leak`;
const secretFile = join(hostDir, 'secret.txt');
const escapeTarget = join(hostDir, 'escaped.txt');

let listener: Server;
let connections = 0;
let port = 0;
beforeAll(async () => {
  writeFileSync(secretFile, SECRET, { mode: 0o644 });
  listener = createServer((s) => { connections++; s.destroy(); });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});
afterAll(async () => {
  await judge.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(hostDir, { recursive: true, force: true });
});

const ref = (input: string, output: string, extra: Partial<CodeReference> = {}): CodeReference =>
  ({ kind: 'code', tests: [{ input, output }], timeLimitMs: 1000, memoryLimitMb: 256, ...extra });
/** Python with the marker in argv: sys.argv is untouched by the judge, so the program re-executes. */
const py = (body: string): SourceCode => ({
  language: 'python',
  code: `import os, sys\nif '${MARK}' not in sys.argv:\n    os.execv('/usr/bin/python3', ['python3', 'sol.py', '${MARK}'])\n${body}`,
});
const cpp = (body: string): SourceCode => ({
  language: 'cpp',
  code: `#include <bits/stdc++.h>\n#include <unistd.h>\n#include <signal.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\nusing namespace std;\n`
    + `int main(int argc, char** argv){ if(argc<2){ execl("./prog","./prog","${MARK}",(char*)0); return 99; }\n${body}\n}`,
});

/** Processes whose command line carries this file's marker, retried briefly: teardown is asynchronous. */
async function survivors(): Promise<number[]> {
  let found: number[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    found = [];
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MARK)) found.push(Number(pid));
      } catch { /* exited meanwhile */ }
    }
    if (found.length === 0) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return found;
}

describe('malicious solutions', () => {
  it('the survivor check sees a marked process (control)', async () => {
    const p = spawn('/usr/bin/python3', ['-c', 'import time; time.sleep(60)', MARK], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    const seen = [];
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try { if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(MARK)) seen.push(Number(pid)); } catch { /* gone */ }
    }
    p.kill('SIGKILL');
    expect(seen).toContain(p.pid);
    await new Promise((r) => p.once('exit', r));
  });

  it('cannot read host files', async () => {
    const body = [
      'leaked = []',
      `for p in ['/etc/passwd', '/etc/shadow', '/root/.bashrc', '${secretFile}', '/work/../etc/hostname', '/home']:`,
      '    try:',
      '        leaked.append(p + ":" + (str(os.listdir(p)) if os.path.isdir(p) else open(p).read()[:50]))',
      '    except Exception:',
      '        pass',
      'print("blocked" if not leaked else leaked)',
    ].join('\n');
    const r = await judge.judge(py(body), ref('', 'blocked'));
    expect(r.verdict).toBe('AC');
    expect(JSON.stringify(r)).not.toContain(SECRET);
    expect(await survivors()).toEqual([]);
  });

  it('cannot write outside its scratch space, and its scratch space is bounded', async () => {
    const body = [
      'wrote = []',
      `for p in ['${escapeTarget}', '/usr/r1bench-escape', '/etc/r1bench-escape', '/r1bench-escape']:`,
      '    try:',
      '        open(p, "w").write("x"); wrote.append(p)',
      '    except Exception:',
      '        pass',
      'n = 0',
      'try:',
      '    with open("fill.bin", "wb") as f:',
      '        for _ in range(256): f.write(b"z" * (1 << 20)); n += 1',
      'except Exception:',
      '    pass',
      'print("ok" if not wrote and n < 256 else wrote)',
    ].join('\n');
    const r = await judge.judge(py(body), ref('', 'ok'));
    expect(r.verdict).toBe('AC');
    expect(existsSync(escapeTarget)).toBe(false);
    expect(existsSync('/r1bench-escape') || existsSync('/usr/r1bench-escape') || existsSync('/etc/r1bench-escape')).toBe(false);
    expect(await survivors()).toEqual([]);
  });

  it('cannot open a network connection, not even to a listener on 127.0.0.1', async () => {
    const body = [
      'import socket',
      'reached = []',
      `for host, port in [('127.0.0.1', ${port}), ('10.0.0.1', 80), ('1.1.1.1', 53)]:`,
      '    try:',
      '        socket.create_connection((host, port), timeout=2).close(); reached.append(host)',
      '    except Exception:',
      '        pass',
      'print("blocked" if not reached else reached)',
    ].join('\n');
    const r = await judge.judge(py(body), ref('', 'blocked', { timeLimitMs: 2000 }));
    expect(r.verdict).toBe('AC');
    const c = await judge.judge(cpp(`int s=socket(AF_INET,SOCK_STREAM,0); sockaddr_in a{}; a.sin_family=AF_INET; a.sin_port=htons(${port}); inet_pton(AF_INET,"127.0.0.1",&a.sin_addr); cout<<(connect(s,(sockaddr*)&a,sizeof a)==0?"connected":"blocked");`), ref('', 'blocked'));
    expect(c.verdict).toBe('AC');
    expect(connections).toBe(0);
    expect(await survivors()).toEqual([]);
  });

  it('a fork bomb is contained and killed', async () => {
    const r = await judge.judge(cpp('for(;;) fork();'), ref('', ''));
    expect(['TLE', 'RE']).toContain(r.verdict);
    expect(await survivors()).toEqual([]);
  });

  it('a memory hog gets MLE', async () => {
    const r = await judge.judge(cpp('vector<char*> v; for(;;){ char* p=(char*)malloc(1<<20); if(!p) throw bad_alloc(); memset(p,1,1<<20); v.push_back(p);} '), ref('', '', { memoryLimitMb: 128 }));
    expect(r.verdict).toBe('MLE');
    expect(await survivors()).toEqual([]);
  });

  it('an infinite loop gets TLE', async () => {
    const r = await judge.judge(cpp('volatile long x=0; for(;;) x++;'), ref('', '', { timeLimitMs: 500 }));
    expect(r.verdict).toBe('TLE');
    expect(await survivors()).toEqual([]);
  });

  it('a process that ignores SIGTERM and sleeps is killed by the wall-clock guard', async () => {
    const r = await judge.judge(py('import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True: time.sleep(1)'), ref('', '', { timeLimitMs: 500 }));
    expect(r.verdict).toBe('TLE');
    expect(r.detail).toContain('wall-clock');
    expect(await survivors()).toEqual([]);
  });

  it('a child that calls setsid does not outlive the judged program', async () => {
    const body = [
      'if os.fork() == 0:',
      '    os.setsid()',
      '    if os.fork() == 0:',
      "        import signal, time",
      '        signal.signal(signal.SIGTERM, signal.SIG_IGN); signal.signal(signal.SIGHUP, signal.SIG_IGN)',
      '        time.sleep(600)',
      '    os._exit(0)',
      'import time; time.sleep(0.3)',
      'print("parent done")',
    ].join('\n');
    const r = await judge.judge(py(body), ref('', 'parent done'));
    expect(r.verdict).toBe('AC');
    expect(await survivors()).toEqual([]);
  });

  it('huge output gets OLE and is not kept in full', async () => {
    const r = await judge.judge(cpp('string s(1<<16, \'y\'); for(;;) fwrite(s.data(),1,s.size(),stdout);'), ref('', 'y', { timeLimitMs: 5000 }));
    expect(r.verdict).toBe('OLE');
    expect((r.detail ?? '').length).toBeLessThan(200);
    expect(await survivors()).toEqual([]);
  });

  it('an #include of a host file does not put its contents in the compile error', async () => {
    const r = await judge.judge({ language: 'cpp', code: `#include "${secretFile}"\n#include "/etc/passwd"\nint main(){}` }, ref('', ''));
    expect(r.verdict).toBe('CE');
    expect(r.detail).not.toContain(SECRET);
    expect(r.detail).not.toContain('root:');
  });

  it('leaves the run directories behind it empty', () => {
    const runs = join(cacheDir, 'runs');
    expect(existsSync(runs) ? readdirSync(runs) : []).toEqual([]);
  });
});
