/** A request the collector answers with a 4xx/5xx status and a JSON `{ error, message }` body. */
export interface HttpError extends Error {
  /** HTTP status to answer with. */
  status: number;
  /** Machine-readable code, the `error` field of the body (`invalid_batch`, …). */
  code: string;
  /** Extra answer headers, such as `Retry-After`. */
  headers?: Record<string, string>;
}

/** Creates an {@link HttpError}. */
export function httpError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): HttpError {
  return Object.assign(new Error(message), { status, code, ...(headers ? { headers } : {}) });
}

/** Whether `error` came from {@link httpError}. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as Partial<HttpError>).status === 'number';
}

/** A 503 with `Retry-After`: the SDK keeps the events and sends them again later. */
export function unavailable(code: string, message: string, retryAfterS = 5): HttpError {
  return httpError(503, code, message, { 'Retry-After': String(retryAfterS) });
}
