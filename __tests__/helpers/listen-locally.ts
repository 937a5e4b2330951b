/**
 * A test server listening on 127.0.0.1 whose `close` also ends the kept-alive connections it
 * still holds (node:http's close waits for them otherwise).
 */
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';

export async function listenLocally(
  server: NetServer,
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
