import { z } from 'zod';
import type { SessionDocument } from '../../core/replay-types.js';
import { eventSchema } from '../batch-schema.js';

/** Largest session file `parcours replay` reads, bytes. */
export const MAX_SESSION_BYTES = 50 * 1024 * 1024;
/** Most events of a session document. */
export const MAX_SESSION_EVENTS = 100_000;

// Larger than any screen; a hostile 100 000 px viewport would exhaust the browser's memory.
const size = z.number().int().min(1).max(10_000);

/** A session document v1 (src/core/replay-types.ts). Unknown keys are kept, never run. */
export const sessionSchema = z.looseObject({
  v: z.literal(1),
  sid: z.string().min(1).max(200),
  vid: z.string().max(200),
  device: z.looseObject({
    userAgent: z.string().max(1_000).optional(),
    dpr: z.number().min(0.25).max(10).optional(),
    touch: z.boolean().optional(),
    mobile: z.boolean().optional(),
  }),
  viewport: z.object({ w: size, h: size }),
  startedAt: z.number(),
  events: z.array(eventSchema).max(MAX_SESSION_EVENTS),
});

/** A session file that cannot be replayed: the message says what is wrong and where. */
export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

/**
 * Parses and checks a session document. A wrong version, a missing or mistyped field, or
 * text that is not JSON throws a {@link SessionFileError} naming the first problem.
 */
export function parseSession(text: string): SessionDocument {
  if (text.length > MAX_SESSION_BYTES) {
    throw new SessionFileError(`the session file is over ${MAX_SESSION_BYTES} bytes`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SessionFileError(`the session file is not JSON: ${(error as Error).message}`);
  }
  const v = (value as { v?: unknown } | null)?.v;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && v !== 1) {
    throw new SessionFileError(
      `unsupported session document version ${JSON.stringify(v ?? null)}: this parcours reads version 1`,
    );
  }
  const result = sessionSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : 'the document';
    throw new SessionFileError(`invalid session document: ${where}: ${issue.message}`);
  }
  const doc = result.data as unknown as SessionDocument;
  doc.events.sort((a, b) => a.seq - b.seq || a.ts - b.ts);
  return doc;
}
