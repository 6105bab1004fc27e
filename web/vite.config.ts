import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The build runs from the repository root (`npm run build:web`), so root and outDir are
// anchored to this file rather than to the working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command, mode }) => ({
  root: webRoot,
  // Absolute asset URLs: the server serves the app at / and falls back to index.html for
  // deep links such as /accounts, where relative URLs would resolve under the wrong path.
  base: '/',
  plugins: [react()],
  // A build started from a test run inherits NODE_ENV=test, which would ship React's
  // development bundle and JSX dev transform; for builds the build's own mode decides.
  ...(command === 'build'
    ? {
        define: { 'process.env.NODE_ENV': JSON.stringify(mode === 'development' ? 'development' : 'production') },
        oxc: { jsx: { runtime: 'automatic' as const, development: mode === 'development' } },
      }
    : {}),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `vite --config web/vite.config.ts` during development: the API runs on the Leeway server.
    proxy: { '/api': process.env.LEEWAY_API_URL ?? 'http://127.0.0.1:3000' },
  },
}));
