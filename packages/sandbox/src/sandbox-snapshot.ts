import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { HoopkitError } from '@hoopkit/core'
import {
  type SandboxMenusSnapshot,
  sandboxMenus,
} from './menus/sandbox-menus.js'
import type { InstallStoreSnapshot } from './oauth/install-store.js'
import type { TokenStoreSnapshot } from './oauth/token-store.js'
import type { SandboxContext } from './sandbox-context.js'
import type { RegisteredApp } from './state/entities.js'

/** The records that survive a restart when the sandbox persists them. */
export interface SandboxSnapshot {
  version: 1
  apps: RegisteredApp[]
  installs: InstallStoreSnapshot
  tokens: TokenStoreSnapshot
  /** Absent from files written before custom menu links were kept. */
  menus?: SandboxMenusSnapshot
}

/**
 * Keeps the registered apps, installs, tokens and custom menu links in a
 * JSON file, so a restarted `hoopkit dev` keeps working with the tokens the
 * app stored and shows the links it created. Codes, activity and seed
 * records are not kept.
 */
export class SandboxSnapshotFile {
  readonly path: string

  constructor(path: string) {
    this.path = path
  }

  /** Loads the file into the context. A missing file leaves it unchanged. */
  load(context: SandboxContext): boolean {
    let text: string
    try {
      text = readFileSync(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return false
      }
      throw error
    }

    const snapshot = parseSnapshot(text, this.path)
    for (const app of snapshot.apps) {
      context.state.apps.set(app.appId, app)
    }
    context.installs.restore(snapshot.installs)
    context.tokens.restore(snapshot.tokens)
    if (snapshot.menus !== undefined) {
      sandboxMenus(context).restore(snapshot.menus)
    }
    return true
  }

  /** Writes the context's records, replacing the file in one rename. */
  save(context: SandboxContext): void {
    const snapshot: SandboxSnapshot = {
      version: 1,
      apps: [...context.state.apps.values()],
      installs: context.installs.snapshot(),
      tokens: context.tokens.snapshot(),
      menus: sandboxMenus(context).snapshot(),
    }
    mkdirSync(dirname(this.path), { recursive: true })
    const temporary = `${this.path}.tmp`
    writeFileSync(temporary, JSON.stringify(snapshot, null, 2))
    renameSync(temporary, this.path)
  }
}

function parseSnapshot(text: string, path: string): SandboxSnapshot {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `sandbox records ${path}: expected JSON, got unreadable text: ` +
        'delete the file to start fresh',
      { cause: error },
    )
  }
  const version = (value as { version?: unknown } | null)?.version
  if (version !== 1) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `sandbox records ${path}: expected version 1, got ${String(version)}: ` +
        'delete the file to start fresh',
    )
  }
  return value as SandboxSnapshot
}
