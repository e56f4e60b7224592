/** `npm run docs:openapi`: writes the OpenAPI document the server generates to docs/openapi.json. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, openPglite } from '@coterie/platform';
import { buildApp } from '../apps/server/src/app.ts';
import { createContext } from '../apps/server/src/context.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = await mkdtemp(path.join(tmpdir(), 'coterie-openapi-'));
const config = loadConfig({
  COTERIE_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  COTERIE_WEB_DIST: path.join(dataDir, 'none'),
});
const ctx = await createContext(config, { database: await openPglite({ memory: true }) });
const app = await buildApp(ctx, { logRequests: false });
await app.http.ready();
const file = path.join(root, 'docs/openapi.json');
await writeFile(file, `${JSON.stringify(app.http.swagger(), null, 2)}\n`);
await app.http.close();
await ctx.database.close();
await rm(dataDir, { recursive: true, force: true });
console.log(`wrote ${path.relative(root, file)}`);
