/**
 * The web app's build (`vite build --config viz/app/vite.config.ts`, run by `npm ci` and
 * `npm run build`): one page, its script and stylesheet as files (the server's CSP allows no
 * inline script), everything bundled so that no request leaves the machine.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/app', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline assets: a data: URL for a script would need the CSP to allow it.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
