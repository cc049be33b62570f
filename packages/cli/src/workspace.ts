import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { HoopkitError } from '@hoopkit/core'

/** The folders that the CLI works with, all absolute. */
export interface WorkspacePaths {
  /** The monorepo root, where `pnpm-workspace.yaml` is. */
  root: string
  /** The backend app, which holds `hoopkit.app.ts` and `src/main.ts`. */
  appDir: string
  /** Where `hoopkit dev` keeps its files. */
  dataDir: string
}

export interface WorkspaceOptions {
  /** The folder to start the search for the root from. */
  cwd: string
  /** @default 'apps/integration' under the root */
  appDir?: string
  /** @default '.hoopkit' under the root */
  dataDir?: string
}

/** Finds the workspace root above `cwd` and resolves the CLI's folders. */
export function workspacePaths(options: WorkspaceOptions): WorkspacePaths {
  const root = findRoot(resolve(options.cwd))
  return {
    root,
    appDir: resolve(root, options.appDir ?? 'apps/integration'),
    dataDir: resolve(root, options.dataDir ?? '.hoopkit'),
  }
}

function findRoot(start: string): string {
  let folder = start
  while (!existsSync(join(folder, 'pnpm-workspace.yaml'))) {
    const parent = dirname(folder)
    if (parent === folder) {
      throw new HoopkitError(
        'CONFIG_INVALID',
        `workspace root: expected a pnpm-workspace.yaml above ${start}, ` +
          'found none: run hoopkit inside the hoopkit repository',
      )
    }
    folder = parent
  }
  return folder
}
