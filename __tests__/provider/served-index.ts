/**
 * The set-up of the provider suites that resolve a small universe served by the test index server
 * (resolve-served.ts): the server and one HTTP client (no retries, no environment) for the whole
 * file or describe block, closed after it.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { silentLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

export interface ServedIndex {
  readonly server: IndexServer;
  readonly http: HttpClient;
}

export function useServedIndex(): ServedIndex {
  let server: IndexServer | undefined;
  let http: HttpClient | undefined;
  beforeAll(async () => {
    server = await startIndexServer();
    http = createHttpClient({ logger: silentLogger, retries: 0, env: {} });
  });
  afterAll(async () => {
    await http?.close();
    await server?.close();
  });
  return {
    get server(): IndexServer {
      if (server === undefined) throw new Error('useServedIndex: the server starts in beforeAll');
      return server;
    },
    get http(): HttpClient {
      if (http === undefined) throw new Error('useServedIndex: the client is made in beforeAll');
      return http;
    },
  };
}
