import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Which peers may tell the client's address in `X-Forwarded-For`: none (`false`), any
 * (`true`: the collector sits behind a load balancer), or only loopback peers
 * (`'loopback'`: a reverse proxy on the same machine).
 */
export type TrustProxy = boolean | 'loopback';

const isLoopback = (address: string): boolean =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

/**
 * The address of the client behind `req`: the socket's peer, or, when that peer is a
 * trusted proxy, the right-most `X-Forwarded-For` hop that is not itself trusted (the
 * left-most hops are whatever the client chose to send, so they are never believed first).
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const peer = req.socket.remoteAddress ?? '';
  const trusted = (address: string) =>
    trust === true || (trust === 'loopback' && isLoopback(address));
  const header = req.headers['x-forwarded-for'];
  if (!header || !trusted(peer)) return peer;
  const hops = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let address = peer;
  for (let i = hops.length - 1; i >= 0 && trusted(address); i--) address = hops[i]!;
  return address;
}

function ipv6Prefix64(address: string): string {
  const bare = address.split('%')[0]!.toLowerCase();
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros =
    tail === undefined ? [] : Array(Math.max(0, 8 - left.length - right.length)).fill('0');
  const groups = [...left, ...zeros, ...right].slice(0, 4);
  return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * The rate-limit key of a client address: an IPv4 address as is (also when IPv4-mapped),
 * an IPv6 address by its /64 prefix (one subscriber usually holds a whole /64 and can
 * rotate through it at will), anything else cut to 64 characters.
 */
export function rateKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  const kind = isIP(address.split('%')[0] ?? '');
  if (kind === 4) return address;
  if (kind === 6) return ipv6Prefix64(address);
  return address.slice(0, 64);
}
