import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Libraries that only some pages need, each in a chunk of its own so that a route loads
 * what it uses: the canvas (xyflow and its d3 helpers) with the editor, diff, review and
 * run pages; the charts with the dashboard; JSONata (expressions) where expressions are
 * evaluated or completed.
 */
const GROUPS = [
  // Every page: React and the router. Named first so that no page group below pulls them in.
  {
    name: 'react',
    priority: 3,
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|zustand|use-sync-external-store|cookie|set-cookie-parser)[\\/]/,
  },
  // d3 helpers both the canvas and the charts use: neither page loads the other's chunk.
  { name: 'd3-common', priority: 2, test: /node_modules[\\/]d3-(color|interpolate|ease|timer|dispatch)[\\/]/ },
  { name: 'canvas', priority: 1, test: /node_modules[\\/](@xyflow|d3-(drag|zoom|selection|transition))[\\/]/ },
  {
    name: 'charts',
    priority: 1,
    test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|decimal\.js-light|internmap|@reduxjs|redux|react-redux|immer|reselect|es-toolkit|eventemitter3|tiny-invariant|clsx)[\\/]/,
  },
  { name: 'jsonata', priority: 1, test: /node_modules[\\/]jsonata[\\/]/ },
];

/** `npm run dev`: Vite on 5173 with the API proxied to the server on 3000. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // Read by scripts/size-budget.ts: which chunks each route loads first.
    manifest: true,
    chunkSizeWarningLimit: 2_000,
    rolldownOptions: { output: { codeSplitting: { groups: GROUPS } } },
  },
});
