import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The UI is served by `okk serve` from web/dist; during development Vite proxies the API to a running
// `okk serve` (OKK_API_ORIGIN, by default http://127.0.0.1:8080).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.OKK_API_ORIGIN ?? 'http://127.0.0.1:8080' },
  },
});
