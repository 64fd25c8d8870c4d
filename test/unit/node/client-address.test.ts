// @vitest-environment node
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, rateKey } from '../../../src/node/client-address.js';

const req = (peer: string, xff?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('uses the peer unless it is a trusted proxy', () => {
    expect(clientAddress(req('203.0.113.9', '1.1.1.1'), 'loopback')).toBe('203.0.113.9');
    expect(clientAddress(req('203.0.113.9', '1.1.1.1'), false)).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted X-Forwarded-For hop behind a local proxy', () => {
    // The client wrote "6.6.6.6" itself; the proxy appended what it saw.
    expect(clientAddress(req('127.0.0.1', '6.6.6.6, 198.51.100.7'), 'loopback')).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(req('::1', '127.0.0.1, 198.51.100.7, 127.0.0.1'), 'loopback')).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(req('127.0.0.1'), 'loopback')).toBe('127.0.0.1');
  });

  it('believes any peer when trustProxy is true', () => {
    expect(clientAddress(req('10.0.0.2', '198.51.100.7'), true)).toBe('198.51.100.7');
  });
});

describe('rateKey', () => {
  it('keys IPv4 by address and IPv6 by /64', () => {
    expect(rateKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(rateKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(rateKey('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(rateKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateKey('x'.repeat(100))).toHaveLength(64);
  });
});
