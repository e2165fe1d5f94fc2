import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev`: Vite on 5173 with the API proxied to the server on 3000. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2_000 },
});
