import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  FrameAncestors,
  type HoopkitEnv,
  SessionTokens,
  SsoCipher,
} from '@hoopkit/core'

/** The services behind the SSO exchange, session checks and framed pages. */
export interface UiServices {
  /** `null` when HOOPAI_SSO_KEY is unset, so every exchange fails. */
  readonly ssoCipher: SsoCipher | null
  readonly sessions: SessionTokens
  readonly frameAncestors: FrameAncestors
  /** Folders of the built UIs, served at `/pages/` and `/widgets/`. */
  readonly customPageDir: string
  readonly widgetsDir: string
}

type UiEnv = Pick<
  HoopkitEnv,
  | 'HOOPAI_SSO_KEY'
  | 'HOOPKIT_SECRET_KEY'
  | 'HOOPKIT_SESSION_KEY'
  | 'HOOPKIT_SESSION_TTL_SECONDS'
  | 'HOOPAI_APP_ORIGINS'
  | 'HOOPKIT_FRAME_ANCESTORS'
  | 'HOOPKIT_CUSTOM_PAGE_DIR'
  | 'HOOPKIT_WIDGETS_DIR'
>

export function createUiServices(env: Readonly<UiEnv>): UiServices {
  const sessionKey = env.HOOPKIT_SESSION_KEY
    ? new Uint8Array(Buffer.from(env.HOOPKIT_SESSION_KEY, 'base64'))
    : SessionTokens.deriveKey(env.HOOPKIT_SECRET_KEY)

  return {
    ssoCipher: env.HOOPAI_SSO_KEY ? new SsoCipher(env.HOOPAI_SSO_KEY) : null,
    sessions: new SessionTokens({
      key: sessionKey,
      ttlSeconds: env.HOOPKIT_SESSION_TTL_SECONDS,
    }),
    frameAncestors: new FrameAncestors({
      platformOrigins: FrameAncestors.parseList(env.HOOPAI_APP_ORIGINS),
      extraOrigins: FrameAncestors.parseList(env.HOOPKIT_FRAME_ANCESTORS),
    }),
    customPageDir: resolve(
      env.HOOPKIT_CUSTOM_PAGE_DIR ?? workspaceDist('custom-page'),
    ),
    widgetsDir: resolve(env.HOOPKIT_WIDGETS_DIR ?? workspaceDist('widgets')),
  }
}

// The backend runs from src/ under tsx and from dist/ when built, so the
// UI folders are found from the workspace root rather than a fixed depth.
function workspaceDist(app: string): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'pnpm-workspace.yaml'))) {
    const parent = dirname(folder)
    if (parent === folder) {
      return join(process.cwd(), 'apps', app, 'dist')
    }
    folder = parent
  }
  return join(folder, 'apps', app, 'dist')
}
