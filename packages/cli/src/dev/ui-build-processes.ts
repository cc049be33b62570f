import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type { DevProcess } from './dev-processes.js'

/** The UI apps beside the backend that `hoopkit dev` builds and rebuilds. */
const uiApps = [
  { name: 'custom-page', configs: ['vite.config.ts'] },
  { name: 'widgets', configs: ['vite.config.ts', 'vite.loader.config.ts'] },
]

/**
 * Returns a `vite build --watch` process per UI build, so the backend's
 * `/pages/` and `/widgets/` routes serve fresh bundles. vite is resolved
 * from each UI app, so the CLI needs no copy of its own. Apps that are not
 * in the workspace are skipped.
 */
export function uiBuildProcesses(options: {
  appDir: string
  env: Record<string, string>
}): DevProcess[] {
  const processes: DevProcess[] = []
  for (const app of uiApps) {
    const dir = resolve(options.appDir, '..', app.name)
    if (!existsSync(join(dir, 'package.json'))) {
      continue
    }
    // vite's exports map leaves out its bin, so resolve it from package.json.
    const vitePackage = createRequire(join(dir, 'package.json')).resolve(
      'vite/package.json',
    )
    const vite = join(dirname(vitePackage), 'bin', 'vite.js')
    for (const config of app.configs) {
      processes.push({
        name: config === 'vite.config.ts' ? app.name : `${app.name}-loader`,
        command: process.execPath,
        args: [vite, 'build', '--watch', '--config', config],
        cwd: dir,
        env: options.env,
      })
    }
  }
  return processes
}
