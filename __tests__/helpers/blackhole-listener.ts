/**
 * A TCP port on 127.0.0.1 that never completes a handshake, like a firewalled or dead host: the
 * machine's python3 listens with a backlog of 0 and never accepts, and fills the accept queue
 * itself, so the kernel drops every further SYN and a client's connect just waits. (Node's own
 * servers always accept, which is why python3 holds the socket.)
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SCRIPT = `
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(0)
port = s.getsockname()[1]
held = []
for _ in range(4):
    c = socket.socket()
    c.setblocking(False)
    try:
        c.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    held.append(c)
print(port, flush=True)
sys.stdin.read()
`;

export interface BlackholeListener {
  port: number;
  close(): Promise<void>;
}

export async function startBlackholeListener(): Promise<BlackholeListener> {
  const child: ChildProcess = spawn('python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^(\d+)\n/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`blackhole listener exited (${code})`)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.stdin!.end(); // python3 returns from stdin.read() and exits
      }),
  };
}
