/** A request the collector answers with a 4xx/5xx status and a JSON `{ error, message }` body. */
export interface HttpError extends Error {
  /** HTTP status to answer with. */
  status: number;
  /** Machine-readable code, the `error` field of the body (`invalid_batch`, …). */
  code: string;
}

/** Creates an {@link HttpError}. */
export function httpError(status: number, code: string, message: string): HttpError {
  return Object.assign(new Error(message), { status, code });
}

/** Whether `error` came from {@link httpError}. */
export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as Partial<HttpError>).status === 'number';
}
