// A TCP proxy on 127.0.0.1 that holds every chunk for a fixed time in each direction: a long link on
// loopback, so a test can see how many round trips a request really costs (a TLS handshake costs one).
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** Forwards to 127.0.0.1:`targetPort`, each chunk and each end delayed by `delayMs` one way. */
export async function startDelayProxy(targetPort: number, delayMs: number): Promise<DelayProxy> {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const pipeDelayed = (from: net.Socket, to: net.Socket) => {
    // Timers of equal duration fire in the order they were set, so chunks keep their order.
    from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.destroyed || to.end(), delayMs));
    from.on('close', () => setTimeout(() => to.destroy(), delayMs));
    from.on('error', () => {}); // the close handler tears the pair down
  };
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      s.setNoDelay(true); // no Nagle wait on top of the delay being measured
      open.add(s);
      s.on('close', () => open.delete(s));
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
