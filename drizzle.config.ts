import { defineConfig } from 'drizzle-kit';

// One migration set for PGlite and PostgreSQL, generated from every capability's schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/*/src/schema.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
