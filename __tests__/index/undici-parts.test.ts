// undici's parts loaded from their own modules (src/index/undici-parts.ts) against the package
// index they replace: the same request reaches a local server and the same response comes back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as undici from 'undici';
import { Agent, request } from '../../src/index/undici-parts.js';

let server: Server;
let base = '';
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'x-echo': req.method ?? '' });
      res.end(`${req.method} ${req.url} ${body}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('undici-parts', () => {
  it('request() sends and answers as the package index request() does', async () => {
    const cases: [string, Parameters<typeof request>[1] extends infer O ? Omit<O, 'dispatcher'> : never][] = [
      ['/a/b?x=1&y=2', {}],
      ['/missing', { method: 'HEAD' }],
      ['/put', { body: 'payload', headers: { 'x-amz-date': '20260101T000000Z' } }],
      ['/post', { method: 'POST', body: Buffer.from('bytes') }],
    ];
    const ours = new Agent();
    const theirs = new undici.Agent();
    try {
      for (const [path, options] of cases) {
        seen.length = 0;
        const a = await request(`${base}${path}`, { ...options, dispatcher: ours });
        const aBody = await a.body.text();
        const b = await undici.request(`${base}${path}`, { ...options, dispatcher: theirs });
        const bBody = await b.body.text();
        expect([a.statusCode, a.headers['x-echo'], aBody]).toEqual([
          b.statusCode,
          b.headers['x-echo'],
          bBody,
        ]);
        const [x, y] = seen;
        expect({ ...x, headers: { ...x?.headers, 'x-port': undefined } }).toEqual({
          ...y,
          headers: { ...y?.headers, 'x-port': undefined },
        });
      }
    } finally {
      await Promise.all([ours.close(), theirs.close()]);
    }
  });
});
