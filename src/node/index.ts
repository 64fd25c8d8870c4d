/**
 * The Node tools of parcours (`parcours/node`): the reference collector, its server with
 * connection limits, and a small static file server. Node only; browser code never
 * imports this entry.
 */
export { createCollector } from './collector.js';
export type { Collector, CollectorOptions } from './collector.js';
export { createCollectorServer } from './collector-server.js';
export type { CollectorServerOptions } from './collector-server.js';
export type { ClickHouseOptions } from './clickhouse-sink.js';
export type { TrustProxy } from './client-address.js';
export { eventsTableSql } from './clickhouse-schema.js';
export { serveStatic } from './static-server.js';
export type { StaticOptions } from './static-server.js';
