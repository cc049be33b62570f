// Builds the custom page and the widgets with their own vite configs, in
// production mode, and measures the gzipped JavaScript that each page
// loads. Writes its section of docs/benchmarks.md.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { machineLine, writeBenchmarkSection } from '../benchmark-section.js'

const appsDir = fileURLToPath(new URL('../../apps/', import.meta.url))
const customPageBudget = 150 * 1024
const widgetBudget = 70 * 1024

async function buildApp(app: string, configs: string[]): Promise<string> {
  const root = join(appsDir, app)
  const outDir = mkdtempSync(join(tmpdir(), `hoopkit-bench-${app}-`))
  for (const [index, config] of configs.entries()) {
    await build({
      root,
      configFile: join(root, config),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: index === 0, sourcemap: false },
    })
  }
  return outDir
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length
}

// A page loads its module script and every chunk it preloads, which is
// all the JavaScript that vite emits for it.
function pageScriptBytes(outDir: string, page: string): number {
  const html = readFileSync(join(outDir, page), 'utf8')
  const urls = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] ?? '')
  let total = 0
  for (const url of new Set(urls)) {
    const relative = url.replace(/^\/(pages|widgets)\//, '')
    total += gzipBytes(join(outDir, relative))
  }
  return total
}

async function reactFloorBytes(): Promise<number> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    build: {
      write: false,
      rollupOptions: {
        input: fileURLToPath(new URL('react-floor.ts', import.meta.url)),
      },
    },
  })
  let total = 0
  for (const result of [output].flat()) {
    if (!('output' in result)) {
      continue
    }
    for (const chunk of result.output) {
      if (chunk.type === 'chunk') {
        total += gzipSync(chunk.code, { level: 9 }).length
      }
    }
  }
  return total
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

function row(name: string, bytes: number, budget: number | null): string {
  if (budget === null) {
    return `| ${name} | ${kilobytes(bytes)} |  |  |`
  }

  const verdict = bytes <= budget ? 'within' : 'over'
  return `| ${name} | ${kilobytes(bytes)} | ${kilobytes(budget)} | ${verdict} |`
}

const customPageDir = await buildApp('custom-page', ['vite.config.ts'])
const widgetsDir = await buildApp('widgets', [
  'vite.config.ts',
  'vite.loader.config.ts',
])
const customPage = pageScriptBytes(customPageDir, 'index.html')
const contactWidget = pageScriptBytes(widgetsDir, 'contact.html')
const dashboardWidget = pageScriptBytes(widgetsDir, 'dashboard.html')
const loader = gzipBytes(join(widgetsDir, 'loader.js'))
const reactFloor = await reactFloorBytes()

const body = `
Script: \`bench/ui/size.bench.ts\`. ${machineLine()} Production vite
builds of \`apps/custom-page\` and \`apps/widgets\`; each size is the
gzip (level 9) of every JavaScript file the page loads: its module
script and the chunks it preloads.

| Page | Gzipped JS | Budget | Result |
|---|---|---|---|
${row('Custom page (`/pages/`)', customPage, customPageBudget)}
${row('Contact widget (`/widgets/contact`)', contactWidget, widgetBudget)}
${row('Dashboard widget (`/widgets/dashboard`)', dashboardWidget, widgetBudget)}
${row('Custom JS loader (`/widgets/loader.js`)', loader, null)}
${row('React 19 and react-dom alone (one rendered element)', reactFloor, null)}

The widgets use the plain tRPC client without TanStack Query, and their
build swaps React for preact/compat. React 19 and react-dom alone would
take ${kilobytes(reactFloor)} of the ${kilobytes(widgetBudget)} widget
budget; the custom page keeps React.
`

writeBenchmarkSection('UI bundle size', body)
console.log(body)
