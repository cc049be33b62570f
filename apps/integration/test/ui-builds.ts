import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const appsDir = fileURLToPath(new URL('../../', import.meta.url))

/** Folders with production builds of the custom page and the widgets. */
export interface UiBuilds {
  customPageDir: string
  widgetsDir: string
}

async function buildApp(app: string, configs: string[]): Promise<string> {
  const root = join(appsDir, app)
  const outDir = mkdtempSync(join(tmpdir(), `hoopkit-${app}-`))
  for (const [index, config] of configs.entries()) {
    await build({
      root,
      configFile: join(root, config),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: index === 0 },
    })
  }
  return outDir
}

/** Builds both UIs with their own vite configs into temporary folders. */
export async function buildUis(): Promise<UiBuilds> {
  const customPageDir = await buildApp('custom-page', ['vite.config.ts'])
  const widgetsDir = await buildApp('widgets', [
    'vite.config.ts',
    'vite.loader.config.ts',
  ])
  return { customPageDir, widgetsDir }
}
