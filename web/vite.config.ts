// Vite builds the dashboard into dist/, which CMake embeds into the
// touchpoint binary (cmake/embed_web.cmake). `npm run dev` serves it with
// hot reload and sends /api and /health to a `touchpoint serve` on :8080.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    // The binary serves what is embedded; source maps would only add weight.
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/health": "http://127.0.0.1:8080" },
  },
});
