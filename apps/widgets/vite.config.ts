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
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        contact: fileURLToPath(new URL('contact.html', import.meta.url)),
        dashboard: fileURLToPath(new URL('dashboard.html', import.meta.url)),
      },
    },
  },
})
