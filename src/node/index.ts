/**
 * The Node tools of parcours (`parcours/node`): the reference collector and a small
 * static file server. Node only; browser code never imports this entry.
 */
export { createCollector } from './collector.js';
export type { Collector, CollectorOptions } from './collector.js';
export { serveStatic } from './static-server.js';
export type { StaticOptions } from './static-server.js';
