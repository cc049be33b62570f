import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Each widget is its own page, so the platform can frame it alone. The
// backend serves this build at /widgets/.
export default defineConfig({
  base: '/widgets/',
  plugins: [react()],
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
