import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The Custom JS loader runs as a classic script inside the platform's own
// page, so it is one IIFE file with no imports, built after the widgets.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('src/loader/loader.ts', import.meta.url)),
      formats: ['iife'],
      name: 'hoopkitWidgetLoader',
      fileName: () => 'loader.js',
    },
  },
})
