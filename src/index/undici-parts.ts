/**
 * The parts of undici wheelhouse uses, loaded from their own modules instead of the package index:
 * the index loads every dispatcher, fetch, WebSocket, EventSource, the cache stores and the mocks
 * (~115 ms of a CLI start on our CI-class machine, issue 14 §2 "Start-up"); a run needs an Agent,
 * a ProxyAgent behind a proxy (with the `connect` method its tunnel needs), and (the S3 client)
 * `request`. Types still come from the package.
 */
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import AgentImpl from 'undici/lib/dispatcher/agent.js';
import ProxyAgentImpl from 'undici/lib/dispatcher/proxy-agent.js';
import apiRequest from 'undici/lib/api/api-request.js';
import apiConnect from 'undici/lib/api/api-connect.js';
import DispatcherImpl from 'undici/lib/dispatcher/dispatcher.js';

// The index adds its request API to every dispatcher; ProxyAgent's CONNECT tunnel calls `connect`
// on its client, so that one (and `request`, which the S3 client uses) is added here.
Object.assign(DispatcherImpl.prototype, { request: apiRequest, connect: apiConnect });

export const Agent = AgentImpl;
export const ProxyAgent = ProxyAgentImpl;
export type Agent = AgentImpl;
export type ProxyAgent = ProxyAgentImpl;
export type AgentOptions = UndiciAgent.Options;

/**
 * undici's `request(url, options)` with a dispatcher given (the package's top-level `request`
 * without its global-dispatcher default): origin and path from the URL, method GET, or PUT with a
 * body, unless given.
 */
export function request(
  url: string | URL,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
    method?: Dispatcher.HttpMethod;
    dispatcher: Dispatcher;
  },
): Promise<Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher, ...rest } = options;
  return apiRequest.call(dispatcher, {
    ...rest,
    origin: u.origin,
    path: u.search ? `${u.pathname}${u.search}` : u.pathname,
    method: rest.method ?? (rest.body !== undefined && rest.body !== null ? 'PUT' : 'GET'),
  });
}
