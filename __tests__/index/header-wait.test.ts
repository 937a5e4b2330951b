import { describe, expect, it } from '@jest/globals';
import { channel } from 'node:diagnostics_channel';
import { HeaderWait } from '../../src/index/header-wait.js';
import { LIMIT_CODES, LIMIT_ENV, TransferLimitError } from '../../src/index/transfer-limits.js';

/** Runs a HeaderWait on a clock the test moves; resolves with the error it fails with. */
async function failureOf(
  limits: { firstByteMs: number; headerBlockMs: number },
  observe: (socket: { bytesRead: number }) => void,
  advance: (clock: { t: number }, socket: { bytesRead: number }) => void,
): Promise<TransferLimitError> {
  const clock = { t: 1_000 };
  const socket = { bytesRead: 0 };
  let failed: TransferLimitError | undefined;
  const wait = new HeaderWait(
    limits,
    'index.test:443',
    (e) => (failed = e),
    () => clock.t,
  );
  wait.sent('GET', '/simple/x/');
  observe(socket);
  try {
    advance(clock, socket);
    // The wait checks on its own tick (≥ 10 ms); bounded: at most 2 s.
    for (let i = 0; i < 200 && failed === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  } finally {
    wait.end();
  }
  if (failed === undefined) throw new Error('the header wait did not fail');
  return failed;
}

const knob = `(pip's --timeout, PIP_TIMEOUT or ${LIMIT_ENV.headersTimeout} sets the wait, in seconds)`;
const publish = (socket: { bytesRead: number }) =>
  channel('undici:client:sendHeaders').publish({ request: { method: 'GET', path: '/simple/x/' }, socket });

describe('HeaderWait names the setting that lengthens a wait where it builds the error', () => {
  it('no first byte within the wait: the message names WHEELHOUSE_HTTP_HEADERS_TIMEOUT', async () => {
    const e = await failureOf({ firstByteMs: 2_000, headerBlockMs: 200 }, publish, (clock) => {
      clock.t += 2_500;
    });
    expect(e).toBeInstanceOf(TransferLimitError);
    expect(e.code).toBe(LIMIT_CODES.headers);
    expect(e.message).toBe(`index.test:443 sent no response headers within 2 s ${knob}`);
  });

  it('no complete headers at all (socket never observed): the message names the setting too', async () => {
    const e = await failureOf(
      { firstByteMs: 2_000, headerBlockMs: 200 },
      () => undefined,
      (clock) => {
        clock.t += 5_000;
      },
    );
    expect(e.message).toBe(`index.test:443 sent no complete response headers within 2.2 s ${knob}`);
  });

  it('headers trickled after the first byte: a stall, not a wait the setting lengthens', async () => {
    const e = await failureOf({ firstByteMs: 2_000, headerBlockMs: 200 }, publish, (clock, socket) => {
      socket.bytesRead = 7;
      // The first tick (50 ms) sees the first byte; later the clock passes the 200 ms block limit.
      setTimeout(() => (clock.t += 300), 120);
    });
    expect(e.message).toMatch(/^index\.test:443 is too slow sending its response headers: 7 bytes in /);
    expect(e.message).not.toContain(LIMIT_ENV.headersTimeout);
  });
});
