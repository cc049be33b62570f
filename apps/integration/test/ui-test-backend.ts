import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InstallsTable } from '@hoopkit/core'
import { tempSqliteUrl } from '@hoopkit/testing'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { readEnv } from '../src/env.js'
import { buildServer } from '../src/server.js'
import { createServices, type Services } from '../src/services.js'

export const testClientId = 'a1b2c3d4e5f6a7b8c9d0e1f2-test0001'
export const testAppId = 'a1b2c3d4e5f6a7b8c9d0e1f2'

/** A backend on 127.0.0.1 with its own SQLite file and stub UI folders. */
export interface UiTestBackend {
  readonly url: string
  readonly services: Services
  readonly server: FastifyInstance
  addInstall(
    install: Partial<InstallsTable> & { resource_id: string },
  ): Promise<void>
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

// Minimal built pages, so routes can be tested without a vite build.
function stubUiFolders(): { pages: string; widgets: string } {
  const root = mkdtempSync(join(tmpdir(), 'hoopkit-ui-'))
  const pages = join(root, 'custom-page')
  const widgets = join(root, 'widgets')
  mkdirSync(join(pages, 'assets'), { recursive: true })
  mkdirSync(join(widgets, 'assets'), { recursive: true })
  const html = '<!doctype html><html><head><title>t</title></head></html>'
  writeFileSync(join(pages, 'index.html'), html)
  writeFileSync(join(pages, 'assets', 'page-abc.js'), 'console.log(1)')
  writeFileSync(join(widgets, 'contact.html'), html)
  writeFileSync(join(widgets, 'dashboard.html'), html)
  writeFileSync(join(widgets, 'loader.js'), 'void 0')
  return { pages, widgets }
}

export async function startUiBackend(
  env: Record<string, string | undefined> = {},
): Promise<UiTestBackend> {
  const folders = stubUiFolders()
  const logger = pino({ level: 'silent' })
  // The platform hosts point at a closed local port, so no test call can
  // leave the machine.
  const backendEnv = readEnv({
    HOOPAI_CLIENT_ID: testClientId,
    HOOPAI_CLIENT_SECRET: 'test-client-secret',
    HOOPKIT_SECRET_KEY: randomBytes(32).toString('base64'),
    HOOPAI_API_URL: 'http://127.0.0.1:9',
    HOOPAI_MARKETPLACE_URL: 'http://127.0.0.1:9',
    DATABASE_URL: tempSqliteUrl(),
    HOOPKIT_CUSTOM_PAGE_DIR: folders.pages,
    HOOPKIT_WIDGETS_DIR: folders.widgets,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  })

  const services = await createServices(
    backendEnv,
    logger,
    'http://127.0.0.1:0',
  )
  const server = await buildServer(services, logger)
  const url = await server.listen({ host: '127.0.0.1', port: 0 })

  const addInstall = async (
    install: Partial<InstallsTable> & { resource_id: string },
  ) => {
    await services.database.db
      .insertInto('installs')
      .values({
        id: `inst_${install.resource_id}`,
        app_id: testAppId,
        user_type: 'Location',
        company_id: 'cmp_T1',
        location_id: install.resource_id,
        status: 'active',
        scope: 'contacts.readonly',
        user_id: null,
        plan_id: null,
        trial_json: null,
        version_id: null,
        is_bulk: 0,
        company_name: null,
        whitelabel_domain: null,
        last_error: null,
        installed_at: 1,
        updated_at: 1,
        uninstalled_at: null,
        ...install,
      })
      .execute()
  }

  const close = async () => {
    await server.close()
    await services.close()
  }
  return {
    url,
    services,
    server,
    addInstall,
    close,
    [Symbol.asyncDispose]: close,
  }
}
