import { fileURLToPath } from 'node:url'
import { build } from 'vite'

/**
 * Bundles one source file into a browser script that puts its exports on
 * `window[globalName]`, so a test page can load it inline.
 */
export async function bundleForBrowser(
  entry: URL,
  globalName: string,
): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(entry),
        formats: ['iife'],
        name: globalName,
        fileName: () => 'bundle.js',
      },
    },
  })

  const results = Array.isArray(output) ? output : [output]
  for (const result of results) {
    if (!('output' in result)) {
      continue
    }
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') {
        return chunk.code
      }
    }
  }
  throw new Error(`bundle: vite produced no script for ${entry.pathname}`)
}
