import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers with a JSON body. An error answered before the request body was read closes the
 * connection, so Node does not keep reading (and discarding) an upload nobody wants.
 */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  const unread = !req.readableEnded && (req.headers['content-length'] ?? '0') !== '0';
  const close = status >= 400 && (unread || req.headers['transfer-encoding'] !== undefined);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
