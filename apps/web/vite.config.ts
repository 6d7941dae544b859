import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// The web app is built into dist/web beside the compiled API, which serves it at `/`. Relative
// asset paths, so the same build works behind a proxy that mounts Rectify under a prefix.
// RECTIFY_WEB_OUT_DIR: where a test run builds its own copy.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  // The web app reads the domain's own rules (who may do what) from libs/domain.
  server: { fs: { allow: [path.resolve(__dirname, '../..')] } },
  build: {
    outDir: process.env.RECTIFY_WEB_OUT_DIR ?? path.resolve(__dirname, '../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        manualChunks: (id) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'charts'
            : id.includes('node_modules')
              ? 'vendor'
              : undefined,
      },
    },
  },
  logLevel: 'warn',
});
