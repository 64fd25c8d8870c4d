// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toClickHouseRow, uint, wellFormed } from '../../../src/node/clickhouse-rows.js';
import { validateBatch } from '../../../src/node/validate-batch.js';
import { makeBatch, makeEvent } from './helpers.js';

describe('ClickHouse rows', () => {
  it('makes numbers fit UInt64: no sign, fraction or exponent', () => {
    expect([uint(-5), uint(1.9), uint(1e300), uint(42)]).toEqual([
      0,
      1,
      Number.MAX_SAFE_INTEGER,
      42,
    ]);
    expect(JSON.stringify(uint(1e300))).toBe('9007199254740991');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(wellFormed('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(wellFormed('ok 😀')).toBe('ok 😀');
  });

  it('keeps props and unknown keys as JSON text, escapes included', () => {
    const check = validateBatch(
      makeBatch([
        makeEvent({ ts: -1.5, path: '/\ud800', props: { s: '\ud800"\n' }, replay: true }),
      ]),
    );
    if (!check.ok) throw new Error(check.message);
    const row = JSON.parse(toClickHouseRow(check.batch.events[0]!, check.batch, 5));
    expect(row).toMatchObject({ ts: 0, path: '/\ufffd', extra: '{"replay":true}', received_at: 5 });
    expect(JSON.parse(row.props)).toEqual({ s: '\ud800"\n' });
  });
});
