import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // Every entry shares the same modules; the worker owns the database connection.
          electron: resolve(root, 'main/electron/index.ts'),
          worker: resolve(root, 'main/backend/worker.ts'),
          'audit-verify': resolve(root, 'main/audit/verify-worker.ts'),
          parse: resolve(root, 'main/ingest/parse-worker.ts'),
          integrity: resolve(root, 'main/store/integrity-worker.ts'),
          preview: resolve(root, 'main/ingest/preview-worker.ts'),
          cli: resolve(root, 'main/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      minify: true,
      // The web's 500 kB hint is about downloads; this bundle is read from the local disk (the window, or
      // browser mode on 127.0.0.1) in a few milliseconds. Above 1.5 MB something big came in by mistake.
      chunkSizeWarningLimit: 1_500,
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
