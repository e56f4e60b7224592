/**
 * The constraint a unique violation (SQLSTATE 23505) broke, or null for any other error.
 * Drivers and Drizzle wrap errors differently, so the cause chain is walked.
 */
export function uniqueViolation(error: unknown): string | null {
  type PgError = { code?: string; constraint?: string; message?: string; cause?: unknown };
  for (let e = error as PgError | undefined; e; e = e.cause as PgError | undefined) {
    if (e.code === '23505') return e.constraint ?? /constraint "([^"]+)"/.exec(e.message ?? '')?.[1] ?? '';
  }
  return null;
}
