import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Sets the CORS answer headers for `req` and says whether its origin may post.
 * A request without `Origin` is not a cross-origin browser request, so CORS does not
 * apply to it (curl, server-to-server).
 *
 * @param allowed - allowed origins (`https://shop.example`), or `'*'` for any.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly string[],
): boolean {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes('*')) res.setHeader('Access-Control-Allow-Origin', '*');
  else if (allowed.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
  else return false;
  // Retry-After is not a CORS-safelisted response header: without this the SDK cannot read it.
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  return true;
}

/** Answers a CORS preflight (`OPTIONS`) from an allowed origin: 204 with the allowed request. */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Content-Encoding',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
