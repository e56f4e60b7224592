import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

interface ValidationIssue {
  instancePath?: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const FORMAT_NAMES: Record<string, string> = {
  email: 'a valid email address',
  uri: 'a valid URL',
  date: 'a date as YYYY-MM-DD',
  'date-time': 'an ISO 8601 date and time',
};

/** Turns one Ajv issue into a sentence a person can act on. */
function describeIssue(issue: ValidationIssue, part: string): { field: string; message: string } {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const field = base === '' ? part : base;
  switch (issue.keyword) {
    case 'required': {
      const missing = String(issue.params.missingProperty);
      return { field: base === '' ? missing : `${base}.${missing}`, message: `${missing} is required` };
    }
    case 'additionalProperties':
      return { field, message: `unknown field "${String(issue.params.additionalProperty)}"` };
    case 'type':
      return { field, message: `${field} must be of type ${String(issue.params.type)}` };
    case 'format':
      return {
        field,
        message: `${field} must be ${FORMAT_NAMES[String(issue.params.format)] ?? issue.message}`,
      };
    case 'minLength':
      return { field, message: `${field} must be at least ${String(issue.params.limit)} characters` };
    case 'maxLength':
      return { field, message: `${field} must be at most ${String(issue.params.limit)} characters` };
    case 'maxItems':
      return { field, message: `${field} must have at most ${String(issue.params.limit)} items` };
    case 'enum':
      return {
        field,
        message: `${field} must be one of ${(issue.params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    default:
      return { field, message: `${field} ${issue.message ?? 'is invalid'}` };
  }
}

/** Fastify's own error codes for input problems, and what a client should read for each. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    message: 'The request body is empty but the Content-Type says JSON.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    message: 'The request body is too large.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_request',
    message: 'The Content-Length does not match the body.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 400,
    code: 'bad_request',
    message: 'The Content-Type header is invalid.',
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'bad_request', message: 'The request could not be routed.' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      if (error.status >= 500) request.log.error({ err: error }, 'domain error');
      return reply
        .code(error.status)
        .headers(error.headers)
        .send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const issues = (error.validation as ValidationIssue[]).map((issue) => describeIssue(issue, part));
      const message = `Invalid ${part}: ${issues.map((i) => i.message).join('; ')}.`;
      return reply.code(400).send(errorBody('validation_failed', message, issues));
    }
    const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) return reply.code(known.status).send(errorBody(known.code, known.message));
    if (error instanceof SyntaxError && error.message.includes('JSON')) {
      return reply.code(400).send(errorBody('malformed_json', 'The request body is not valid JSON.'));
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      // A client error raised by a plugin: keep its status, never its internals.
      const code = status === 429 ? 'too_many_requests' : status === 404 ? 'not_found' : 'bad_request';
      return reply.code(status).send(errorBody(code, error.message || 'The request was not understood.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return errorBody('not_found', `There is no ${method} ${url.split('?')[0]} here.`);
}
