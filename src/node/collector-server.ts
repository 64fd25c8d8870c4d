import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Collector } from './collector.js';

/** Connection limits of {@link createCollectorServer}. */
export interface CollectorServerOptions {
  /** Headers not fully received by then: 408 and the connection is closed, in ms. @defaultValue `10_000` */
  headersTimeoutMs?: number;
  /** A whole request not received by then: 408, in ms. @defaultValue `30_000` */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this, in ms. @defaultValue `5_000` */
  keepAliveTimeoutMs?: number;
  /** Open connections beyond this are refused. @defaultValue `10_000` */
  maxConnections?: number;
}

/**
 * A `node:http` server for `collector`, with the timeouts that keep slow clients
 * (slowloris: headers or bodies sent a byte at a time) from holding connections open.
 * Node checks those timeouts every `connectionsCheckingInterval`, 30 s by default; here
 * every second, so a timeout means what it says.
 *
 * @example
 * ```ts
 * createCollectorServer(createCollector()).listen(8787, '127.0.0.1');
 * ```
 */
export function createCollectorServer(
  collector: Collector,
  options: CollectorServerOptions = {},
): Server {
  const {
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 30_000,
    keepAliveTimeoutMs = 5_000,
    maxConnections = 10_000,
  } = options;
  const server = createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
    },
    collector.handler,
  );
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.maxConnections = maxConnections;
  return server;
}
