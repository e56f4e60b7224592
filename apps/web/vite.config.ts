import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { SOURCE_HASH_FILE, webSourceHash } from './source-hash.ts';

// The API server `npm run dev` starts; point elsewhere with COTERIE_API_URL.
const API_TARGET = process.env.COTERIE_API_URL ?? 'http://127.0.0.1:3000';

/** Records what the build was made from, so `npm start` can tell whether it is still current. */
function recordSourceHash(): Plugin {
  let hash: Promise<string> | null = null;
  let outDir = '';
  return {
    name: 'coterie-record-source-hash',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    buildStart() {
      // Taken before bundling, so an edit made during the build marks the result as stale.
      hash = webSourceHash();
    },
    async closeBundle() {
      if (hash) await writeFile(path.join(outDir, SOURCE_HASH_FILE), `${await hash}\n`);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), recordSourceHash()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': {
        target: API_TARGET,
        changeOrigin: true,
        // The server refuses writes whose Origin is not its own, and the dev server's origin is not.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq) => {
            proxyReq.setHeader('origin', API_TARGET);
          });
        },
      },
    },
  },
});
