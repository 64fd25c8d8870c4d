// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Batch, DropCounts, TrackEvent } from '../../../src/core/types.js';
import type { batchSchema } from '../../../src/node/batch-schema.js';
import { formatPath, validateBatch } from '../../../src/node/validate-batch.js';
import { makeBatch, makeEvent } from './helpers.js';

// The SDK's interfaces as plain object types (interfaces never match an index signature).
type Fields<T> = { [K in keyof T]: T[K] };
type SdkBatch = Omit<Batch, 'events' | 'sdk_dropped'> & {
  events: Fields<TrackEvent>[];
  sdk_dropped?: Fields<DropCounts>;
};

const messageOf = (data: unknown) => {
  const check = validateBatch(data);
  return check.ok ? undefined : check.message;
};

describe('validateBatch', () => {
  it('accepts every batch the SDK type allows', () => {
    // Compile-time half: this fails `tsc` if the schema grows stricter than the Batch type.
    const fits = (batch: SdkBatch): z.input<typeof batchSchema> => batch;
    expect(fits).toBeTypeOf('function');
    expect(validateBatch(makeBatch()).ok).toBe(true);
  });

  it('keeps extra event keys such as replay', () => {
    const check = validateBatch(makeBatch([makeEvent({ replay: true })]));
    expect(check.ok && check.batch.events[0]).toMatchObject({ replay: true });
  });

  it.each([
    [{ type: '' }, 'events[0].type: Too small: expected string to have >=1 characters'],
    [{ type: 'x'.repeat(65) }, 'events[0].type: Too big: expected string to have <=64 characters'],
    [{ seq: 0 }, 'events[0].seq: Too small: expected number to be >0'],
    [{ seq: 1.5 }, 'events[0].seq: Invalid input: expected int, received number'],
    [{ ts: '1' }, 'events[0].ts: Invalid input: expected number, received string'],
    [{ props: [] }, 'events[0].props: Invalid input: expected record, received array'],
    [{ uid: 7 }, 'events[0].uid: Invalid input: expected string, received number'],
  ])('names the path of a bad event field %j', (override, message) => {
    expect(messageOf(makeBatch([makeEvent(override as never)]))).toBe(message);
  });

  it('names the first failing path and counts the others', () => {
    const batch = { ...makeBatch(), v: 2, sdk: {} };
    expect(messageOf(batch)).toBe('v: Invalid input: expected 1 (and 2 more)');
  });

  it('checks sdk_dropped counters, including unknown ones', () => {
    expect(validateBatch({ ...makeBatch(), sdk_dropped: { overflow: 2, future: 1 } }).ok).toBe(
      true,
    );
    expect(messageOf({ ...makeBatch(), sdk_dropped: { 'bad\u001b[31m': -1 } })).toBe(
      'sdk_dropped["bad\\u001b[31m"]: Too small: expected number to be >=0',
    );
  });

  it('rejects what is not a batch', () => {
    expect(messageOf(null)).toBe('(root): Invalid input: expected object, received null');
    expect(messageOf([])).toMatch(/^\(root\)/);
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and quotes odd keys', () => {
    expect(formatPath(['events', 3, 'props', 'a-b'])).toBe('events[3].props["a-b"]');
  });
});
