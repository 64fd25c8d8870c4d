// A small loopback load generator for the collector benchmark. Closed loop (runLoad):
// `connections` keep-alive connections to 127.0.0.1, each posting the next prepared
// request as soon as the previous one is answered, until the requests or the time run
// out; that finds the most a collector sustains. Open loop (runOpenLoad): requests leave
// at a fixed rate whatever the answers, as browsers send; that gives the latency at a
// given load.
// Raw sockets rather than node:http, so that the generator, which shares the machine's
// cores with the collector, spends as little CPU as possible per request.
import { connect } from 'node:net';

/** A prepared `POST path` request (headers and gzip body in one buffer). */
export function prepareRequest(path, body) {
  const head =
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Content-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Reads one HTTP/1.1 response (Content-Length framed) off `socket`. */
function readResponse(socket) {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      cleanup();
      resolve({
        status: Number(head.slice(9, 12)),
        body: buffer.subarray(end + 4, end + 4 + length).toString('utf8'),
        close: /\r\nconnection: *close/i.test(head),
      });
    };
    const onEnd = () => {
      cleanup();
      reject(new Error('connection closed'));
    };
    const cleanup = () => {
      socket.off('data', onData).off('error', onEnd).off('close', onEnd);
    };
    socket.on('data', onData).on('error', onEnd).on('close', onEnd);
  });
}

function open(port) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/**
 * Opens `count` connections spread over `ports`, 100 at a time: thousands of SYNs at once
 * overflow the listen backlog, and the retransmissions (1 s, 3 s, 7 s) would pass for
 * collector latency.
 */
async function openMany(ports, count) {
  const sockets = [];
  while (sockets.length < count) {
    const wave = Math.min(100, count - sockets.length);
    const at = sockets.length;
    sockets.push(
      ...(await Promise.all(
        Array.from({ length: wave }, (_, i) => open(ports[(at + i) % ports.length])),
      )),
    );
  }
  return sockets;
}

/**
 * Posts `requests` (from {@link prepareRequest}, each carrying `eventsPer` events) over
 * `connections` connections spread over `ports`, for at most `seconds`. The rate counts
 * the events answered 200 between `warmupSeconds` and the end (JIT and first allocations
 * excluded); latency percentiles are over the requests sent in that window.
 */
export async function runLoad({
  ports,
  requests,
  eventsPer,
  connections,
  seconds,
  warmupSeconds = 1,
}) {
  const sockets = await openMany(ports, connections);
  const started = performance.now();
  const end = started + seconds * 1_000;
  const steadyFrom = started + warmupSeconds * 1_000;
  const latencies = [];
  const statuses = {};
  let next = 0;
  let steadyEvents = 0;
  let lastAnswer = steadyFrom;
  let errors = 0;

  async function worker(first, index) {
    const port = ports[index % ports.length];
    let socket = first;
    while (next < requests.length && performance.now() < end) {
      const request = requests[next++];
      const sent = performance.now();
      socket.write(request);
      let answer;
      try {
        answer = await readResponse(socket);
      } catch {
        errors++;
        socket.destroy();
        socket = await open(port);
        continue;
      }
      const now = performance.now();
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (sent >= steadyFrom) latencies.push(now - sent);
      // Throughput counts what was answered inside the window, not the drain after it.
      if (now >= steadyFrom && now <= end && answer.status === 200) {
        steadyEvents += eventsPer;
        lastAnswer = now;
      }
      if (answer.close) {
        socket.destroy();
        socket = await open(port);
      }
    }
    socket.end();
  }

  await Promise.all(sockets.map(worker));
  latencies.sort((a, b) => a - b);
  const steadySeconds = (lastAnswer - steadyFrom) / 1_000;
  return {
    sent: next,
    statuses,
    errors,
    ranOut: next >= requests.length,
    steadySeconds,
    eventsPerSecond: steadySeconds > 0 ? steadyEvents / steadySeconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

/**
 * Posts `requests` at `eventsPerSecond` (in `eventsPer` events per request) for `seconds`,
 * whatever the answers, each on a connection that is free at that moment (a new one
 * when none is). Latency percentiles are over the requests sent after `warmupSeconds`.
 */
export async function runOpenLoad({
  ports,
  requests,
  eventsPer,
  eventsPerSecond,
  seconds,
  warmupSeconds = 1,
}) {
  const idle = await openMany(ports, 64);
  const perTick = (eventsPerSecond / eventsPer) * 0.01;
  const started = performance.now();
  const steadyFrom = started + warmupSeconds * 1_000;
  const latencies = [];
  const statuses = {};
  const inFlight = new Set();
  let owed = 0;
  let next = 0;
  let opened = idle.length;

  async function send(request, portIndex) {
    const socket = idle.pop() ?? (opened++, await open(ports[portIndex]));
    const sent = performance.now();
    socket.write(request);
    try {
      const answer = await readResponse(socket);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (sent >= steadyFrom) latencies.push(performance.now() - sent);
      if (answer.close) socket.destroy();
      else idle.push(socket);
    } catch {
      statuses.reset = (statuses.reset ?? 0) + 1;
      socket.destroy();
    }
  }

  await new Promise((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - started >= seconds * 1_000 || next >= requests.length) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (owed += perTick; owed >= 1 && next < requests.length; owed--) {
        const i = next++;
        const done = send(requests[i], i % ports.length);
        inFlight.add(done);
        void done.then(() => inFlight.delete(done));
      }
    }, 10);
  });
  await Promise.all(inFlight);
  for (const socket of idle) socket.end();
  latencies.sort((a, b) => a - b);
  return {
    sent: next,
    statuses,
    connectionsOpened: opened,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}
