/** Random bytes drawn from `getRandomValues` at once: 32 ids per call into the browser. */
const POOL_BYTES = 512;
const HEX = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));
let pool: Uint8Array<ArrayBuffer> | undefined;
let from: Crypto | undefined; // the crypto that filled the pool
let at = POOL_BYTES;

/**
 * A random UUID v4, from `getRandomValues` where present, else from `random`. Not
 * `crypto.randomUUID`: Chromium draws its 16 bytes from the OS on every call (a system call per
 * event); the pool draws 32 ids' bytes at once.
 */
export function uuid(random: () => number = Math.random): string {
  const c = typeof crypto !== 'undefined' ? crypto : undefined;
  let b: Uint8Array;
  let o = 0;
  if (c?.getRandomValues) {
    if (at >= POOL_BYTES || c !== from) {
      c.getRandomValues((pool ??= new Uint8Array(POOL_BYTES)));
      from = c;
      at = 0;
    }
    b = pool!;
    o = at;
    at += 16;
  } else {
    b = new Uint8Array(16);
    for (let i = 0; i < 16; i++) b[i] = (random() * 256) | 0;
  }
  const h = (i: number, mask = 0xff, set = 0) => HEX[(b[o + i]! & mask) | set]!;
  return (
    h(0) +
    h(1) +
    h(2) +
    h(3) +
    '-' +
    h(4) +
    h(5) +
    '-' +
    h(6, 0x0f, 0x40) +
    h(7) +
    '-' +
    h(8, 0x3f, 0x80) +
    h(9) +
    '-' +
    h(10) +
    h(11) +
    h(12) +
    h(13) +
    h(14) +
    h(15)
  );
}
