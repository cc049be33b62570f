import { defineConfig } from 'tsdown'

// Workspace packages ship TypeScript sources, so they are bundled in; the
// registry dependencies stay external and load from node_modules.
export default defineConfig({
  entry: ['src/main.ts'],
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: false,
  noExternal: [/^@hoopkit\//],
})
