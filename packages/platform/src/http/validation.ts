import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; under native ESM its plugin sits on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Bodies are validated as sent (a number where a string belongs is a 400, not silently turned
 * into "123"); query strings, params and headers are text by nature and are coerced.
 * Installed as the schema controller's factory, so every plugin context gets it, including those
 * that add shared schemas of their own (which would otherwise fall back to Fastify's default).
 */
export function buildValidator(
  externalSchemas: Record<string, unknown> | undefined,
): FastifySchemaCompiler<unknown> {
  const strict = makeAjv(false);
  const lenient = makeAjv('array');
  for (const schema of Object.values(externalSchemas ?? {})) {
    strict.addSchema(schema as object);
    lenient.addSchema(schema as object);
  }
  return ({ schema, httpPart }) => {
    const validate = (httpPart === 'body' ? strict : lenient).compile(schema as object);
    if (httpPart !== 'body' || (schema as Record<string, unknown>)[OPTIONAL_BODY] !== true) return validate;
    // A body the route documents as optional may be left out entirely (e.g. POST /api/auth/logout).
    const optional = (data: unknown): boolean => {
      if (data === undefined || data === null) return true;
      const ok = validate(data) as boolean;
      optional.errors = validate.errors;
      return ok;
    };
    optional.errors = null as typeof validate.errors;
    return optional;
  };
}

/** Mark a body schema with this key set to true to let requests omit the body. */
export const OPTIONAL_BODY = 'x-optional-body';
