import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The backend serves this build at /pages/, so asset URLs start there.
export default defineConfig({
  base: '/pages/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
})
