import { z } from 'zod';

const count = z.int().nonnegative();

/** One event of wire format v1. Unknown keys (such as `replay`) are kept as sent. */
export const eventSchema = z.looseObject({
  id: z.uuid(),
  type: z.string().min(1).max(64),
  ts: z.number(),
  seq: z.int().positive(),
  sid: z.string(),
  vid: z.string(),
  uid: z.string().optional(),
  url: z.string(),
  path: z.string(),
  // Any value is JSON here: bodies come from JSON.parse, their depth checked first
  // (parse-batch-body.ts). z.json() would walk every nested value again, at twice the cost.
  props: z.record(z.string(), z.unknown()),
});

/**
 * The body of `POST /v1/batch` (wire format v1, ../../DESIGN.md "Wire format").
 * Drop counters the SDK adds later are kept, provided they are counts.
 */
export const batchSchema = z.object({
  v: z.literal(1),
  batchId: z.string().min(1).max(128),
  sentAt: z.number(),
  siteId: z.string().min(1).max(128).optional(),
  sdk: z.object({ name: z.string(), version: z.string() }),
  events: z.array(eventSchema),
  sdk_dropped: z
    .object({
      overflow: count.optional(),
      expired: count.optional(),
      rejected: count.optional(),
      invalid: count.optional(),
      throttled: count.optional(),
    })
    .catchall(count)
    .optional(),
});

/** A batch that passed {@link batchSchema}. */
export type ValidBatch = z.infer<typeof batchSchema>;

/** One event of a {@link ValidBatch}. */
export type ValidEvent = ValidBatch['events'][number];
