// A TLS chat-completions server on 127.0.0.1 with a certificate made at test time by the openssl CLI
// (Debian package `openssl`): the first token goes out as soon as the request has arrived.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sse } from './scripted-server.ts';

export interface TlsCert {
  certFile: string;
  keyFile: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid one day, written into `dir`. */
export function makeCertificate(dir: string): TlsCert {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    const why = err.code === 'ENOENT' ? 'openssl is not installed (apt-get install openssl)' : String(err.stderr ?? err.message).trim().split('\n')[0];
    throw new Error(`cannot make a test certificate in ${dir}: ${why}`);
  }
  return { certFile, keyFile };
}

export interface TlsSseServer {
  port: number;
  /** TLS connections whose handshake completed. */
  handshakes(): number;
  close(): Promise<void>;
}

/** Answers every POST with a reasoning token at once, the answer `answerAfterMs` later, then [DONE]. */
export async function startTlsSseServer(cert: TlsCert, answerAfterMs = 20): Promise<TlsSseServer> {
  let handshakes = 0;
  const server = https.createServer({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sse.chunk({ reasoning_content: 'thinking' }));
      setTimeout(() => {
        res.write(sse.chunk({ content: 'Answer: 7' }, 'stop'));
        res.write(sse.usage(5, 2));
        res.end(sse.done);
      }, answerAfterMs);
    });
  });
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    handshakes: () => handshakes,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
