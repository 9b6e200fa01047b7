// The report's script (src/report/main.ts): one self-contained file, CSS
// and ECharts inside, into dist/report/report.js. The binary embeds it with
// the dashboard (cmake/embed_web.cmake) and `touchpoint report` inlines it
// into the HTML it writes next to the data, so the file works offline.
// Run after the dashboard's build (`npm run build` does), which empties dist/.
import { defineConfig } from "vite";

export default defineConfig({
  // Library builds leave process.env.NODE_ENV to a bundler that never comes.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist/report",
    emptyOutDir: true,
    target: "es2020",
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    lib: {
      entry: "src/report/main.ts",
      formats: ["iife"],
      name: "TouchpointReport",
      fileName: () => "report.js",
    },
  },
});
