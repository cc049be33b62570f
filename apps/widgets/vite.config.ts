import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The aliases point at this app's copy of preact, because the shared UI
// package, which imports react, has no preact of its own to resolve.
const preact = dirname(
  createRequire(import.meta.url).resolve('preact/package.json'),
)

// Each widget is its own page, so the platform can frame it alone. The
// backend serves this build at /widgets/. Widgets load inside other pages,
// so React is swapped for preact/compat, which runs the same components.
// `pnpm bench` measured each widget at 76 KB gzipped with React, 17 KB
// with preact.
export default defineConfig({
  base: '/widgets/',
  plugins: [react()],
  resolve: {
    alias: [
      {
        find: /^react-dom\/client$/,
        replacement: `${preact}/compat/client.mjs`,
      },
      { find: /^react-dom$/, replacement: `${preact}/compat` },
      { find: /^react\/jsx-runtime$/, replacement: `${preact}/jsx-runtime` },
      {
        find: /^react\/jsx-dev-runtime$/,
        replacement: `${preact}/jsx-runtime`,
      },
      { find: /^react$/, replacement: `${preact}/compat` },
    ],
  },
  build: {
    outDir: 'dist',
    // The loader's own build writes loader.js into the same folder, and in
    // `hoopkit dev` both run in watch mode, so a rebuild here must not
    // delete it. The package's build script empties the folder first.
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        contact: fileURLToPath(new URL('contact.html', import.meta.url)),
        dashboard: fileURLToPath(new URL('dashboard.html', import.meta.url)),
      },
    },
  },
})
