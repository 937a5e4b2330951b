/**
 * A raw HTTP/1.1 server on 127.0.0.1 for tests that need answers no real server sends: each
 * request head (its path) is handed to `answer`, which writes whatever bytes it likes on the
 * socket, when it likes (`every` runs a bounded timer that `close` clears). Keep-alive: several
 * requests on one connection are answered in turn.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface RawHttpServer {
  port: number;
  close(): Promise<void>;
}

export interface RawAnswerTools {
  /** Calls `tick` every `ms` until it returns false or the socket is gone (and at `close`). */
  every(ms: number, tick: () => boolean): void;
}

export async function rawHttpServer(
  answer: (path: string, socket: Socket, tools: RawAnswerTools) => void,
): Promise<RawHttpServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    const tools: RawAnswerTools = {
      every: (ms, tick) => {
        const timer = setInterval(() => {
          if (socket.destroyed || !tick()) {
            clearInterval(timer);
            timers.delete(timer);
          }
        }, ms);
        timers.add(timer);
      },
    };
    let text = '';
    socket.on('data', (data) => {
      text += data.toString('latin1');
      for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
        const path = text.slice(0, text.indexOf('\r\n')).split(' ')[1] ?? '';
        text = text.slice(end + 4);
        answer(path, socket, tools);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
