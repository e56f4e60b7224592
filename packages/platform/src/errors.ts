/**
 * Typed domain errors. Services throw these; the HTTP layer maps them, in one place
 * (http/error-handler.ts), to `{"error":{"code","message"}}` with the right status.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly details: unknown;
  constructor(
    status: number,
    code: string,
    message: string,
    options: { headers?: Record<string, string>; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.status = status;
    this.code = code;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}

export const badRequest = (code: string, message: string, details?: unknown): DomainError =>
  new DomainError(400, code, message, { details });
export const unauthorized = (message = 'You need to be logged in.', code = 'unauthenticated'): DomainError =>
  new DomainError(401, code, message);
export const forbidden = (message: string, code = 'forbidden'): DomainError =>
  new DomainError(403, code, message);
export const notFound = (message: string, code = 'not_found'): DomainError =>
  new DomainError(404, code, message);
export const conflict = (code: string, message: string): DomainError => new DomainError(409, code, message);
export const tooManyRequests = (retryAfterSeconds: number, message: string): DomainError =>
  new DomainError(429, 'too_many_requests', message, {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
