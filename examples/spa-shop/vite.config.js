import { defineConfig } from 'vite';

// Plain Vite: `npm run build` writes dist/, which `npm start` serves on 127.0.0.1:8081 with
// index.html for every route (History API). The collector URL can be changed at build time
// with VITE_PARCOURS_ENDPOINT.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: { host: '127.0.0.1', port: 5173 },
});
