import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of ids as ONE text[] parameter, for `col = any(...)`. `in (...)` with a parameter per id
 * costs the driver and the planner per element: thousands of ids (a discovery neighbourhood)
 * spent more time binding than querying.
 */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}
