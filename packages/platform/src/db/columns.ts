import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL bytea as a Buffer, whichever driver (PGlite gives Uint8Array, pg gives Buffer). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
