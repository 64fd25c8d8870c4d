// @vitest-environment node
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCollector } from '../../../src/node/collector.js';
import { createCollectorServer } from '../../../src/node/collector-server.js';
import { makeBatch, postBatch, send, useCollector } from './helpers.js';

/** Writes `head` on a raw socket and resolves with what the server answered before closing. */
function rawExchange(port: number, head: string, trickleMs?: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on('connect', () => {
      socket.write(head);
      if (trickleMs) timer = setInterval(() => socket.write('x'), trickleMs);
    });
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve(answer);
    });
  });
}

describe('collector guards', () => {
  const { fixture, stops, start } = useCollector(1_000);

  it('answers 429 with a readable Retry-After once a client passes its rate', async () => {
    const url = await start({ rateLimit: { perSecond: 1, burst: 2 } });
    const origin = { origin: 'https://shop.example' };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await postBatch(url, makeBatch(), origin));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    const limited = statuses[2]!;
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.headers['access-control-expose-headers']).toBe('Retry-After');
    expect(limited.json().error).toBe('rate_limited');
  });

  it('limits each client behind a local proxy on its own', async () => {
    const url = await start({ rateLimit: { perSecond: 1, burst: 1 } });
    const from = (ip: string) => postBatch(url, makeBatch(), { 'x-forwarded-for': ip });
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.2')).status).toBe(200);
    expect((await from('198.51.100.1')).status).toBe(429);
  });

  it('answers 408 to a body that does not arrive within bodyTimeoutMs', async () => {
    const url = await start({ bodyTimeoutMs: 200 });
    const started = Date.now();
    const reply = await send(`${url}/v1/batch`, {
      headers: { 'content-type': 'application/json', 'content-length': '1000' },
      body: '{"v":1,',
    });
    expect(reply.status).toBe(408);
    expect(reply.json().error).toBe('request_timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 400 too_deep to deeply nested JSON instead of overflowing the stack', async () => {
    const url = await start({ maxBodyBytes: 3_000_000 });
    const props = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    const reply = await send(`${url}/v1/batch`, {
      headers: { 'content-type': 'application/json' },
      body: `{"v":1,"events":[{"props":{"a":${props}}}]}`,
    });
    expect(reply.status).toBe(400);
    expect(reply.json().error).toBe('too_deep');
  });

  it('closes a connection whose headers trickle in past headersTimeoutMs (slowloris)', async () => {
    const collector = createCollector({ dataDir: fixture.dir });
    await collector.ready;
    const server = createCollectorServer(collector, {
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stops.push(
      () => collector.close(1_000),
      () => new Promise<void>((resolve) => server.close(() => resolve())),
    );
    const { port } = server.address() as AddressInfo;
    const started = Date.now();
    const answer = await rawExchange(port, 'POST /v1/batch HTTP/1.1\r\nHost: x\r\nX-Slow: ', 50);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
