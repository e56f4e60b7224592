/** One problem with one field, as the server reports it in `error.details`. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A 4xx/5xx answer in the server's one error shape, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldIssue[];
  /** Seconds to wait before retrying, from the Retry-After header of a 429. */
  readonly retryAfterSeconds: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: FieldIssue[] = [],
    retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Fired when the server says the session is gone, so the app can show itself logged out. */
export const UNAUTHENTICATED_EVENT = 'coterie:unauthenticated';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).field === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}

/** Reads the server's error shape from a failed response (also used for XMLHttpRequest uploads). */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not our JSON shape (a proxy's HTML page, say): fall through to a generic message.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const details = Array.isArray(error.details) ? error.details.filter(isFieldIssue) : [];
    return new ApiError(response.status, error.code, error.message, details, retryAfter);
  }
  const message =
    response.status >= 500
      ? 'Something went wrong on our side. Please try again.'
      : `The request failed (HTTP ${response.status}).`;
  return new ApiError(response.status, response.status >= 500 ? 'internal_error' : 'bad_request', message);
}

/** A 401 means the session is gone: tells the app, and hands the error back to be thrown. */
export function noticeSessionLoss(error: ApiError): ApiError {
  if (error.status === 401 && error.code === 'unauthenticated') {
    window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  }
  return error;
}

/**
 * Calls the Coterie API. The session lives in an HttpOnly cookie, so every call sends
 * same-origin credentials; bodies are JSON, except a FormData for an image upload.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (body instanceof FormData) {
    // An upload: the browser writes the multipart boundary into the content type itself.
    init.body = body;
  } else if (body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Coterie could not be reached. Check your connection and try again.',
    );
  }
  if (!response.ok) throw noticeSessionLoss(await toApiError(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
