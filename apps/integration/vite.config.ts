import { defineConfig } from 'vite'

// Builds the backend for `node dist/main.js`. Workspace packages ship
// TypeScript sources, so they are bundled in. Registry dependencies stay
// external and load from this app's node_modules, so each one that a
// workspace package imports is also listed in this app's package.json.
export default defineConfig({
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: { entryFileNames: 'main.js', format: 'es' },
    },
  },
  ssr: {
    noExternal: [/^@hoopkit\//],
  },
})
