import {
  createWorkflowRuntime,
  openDatabase,
  type WorkflowRuntime,
  workflowMarketplaceJson,
  workflowPlugin,
} from '@hoopkit/core'
import { tempSqliteUrl } from '@hoopkit/testing'
import Fastify from 'fastify'
import type { Sandbox } from '../../src/sandbox-server.js'
import { seedIds } from '../../src/state/seed-data.js'
import { install, startTestPlatform } from '../oauth/oauth-test-helpers.js'

export const actionSecret = 'sandbox-test-action-secret-0001'

type Definitions = Pick<
  Parameters<typeof createWorkflowRuntime>[0],
  'actions' | 'triggers'
>

/**
 * Starts a sandbox with the test app installed on Harbor Dental, and the app's
 * workflow endpoints served by hoopkit on a real port. Calls to the
 * platform use the location token from a real consent and code exchange.
 */
export async function startWorkflowSetup(definitions: Definitions) {
  const platform = await startTestPlatform()
  const sandbox: Sandbox = platform.sandbox
  const tokens = await install(platform, {
    userId: seedIds.harborUser,
    target: 'locations',
    locationIds: [seedIds.harbor],
  })
  const locationToken = String(tokens['access_token'])

  const database = await openDatabase({ url: tempSqliteUrl() })
  const runtime: WorkflowRuntime = createWorkflowRuntime({
    db: database.db,
    poster: {
      async post({ url, body }) {
        const response = await fetch(new URL(url, sandbox.url), {
          method: 'POST',
          headers: {
            authorization: `Bearer ${locationToken}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        })
        return { status: response.status, body: await response.json() }
      },
    },
    ...definitions,
    secret: actionSecret,
    apiUrl: sandbox.url,
    deadlineMs: 2000,
  })
  const server = Fastify()
  await server.register(workflowPlugin, { runtime, prefix: '/workflows' })
  const appUrl = await server.listen({ host: '127.0.0.1', port: 0 })

  const appId = platform.app.appId
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    // biome-ignore lint/suspicious/noExplicitAny: tests read varied JSON.
    return { status: response.status, body: (await response.json()) as any }
  }
  const marketplace = workflowMarketplaceJson({
    actions: definitions.actions,
    triggers: definitions.triggers ?? [],
    publicUrl: appUrl,
    prefix: '/workflows',
  })
  const configure = (headers: Record<string, string>) =>
    api('PUT', `/sandbox/api/workflow-apps/${appId}`, {
      ...marketplace,
      headers,
    })
  await configure({ 'x-hoopkit-action-secret': actionSecret })
  await api('PUT', '/sandbox/api/workflow-behaviour', {
    duplicateActionCalls: 'none',
  })

  const close = async () => {
    await server.close()
    await runtime.executor.idle()
    await database.close()
    await platform.close()
  }
  return { sandbox, runtime, appId, locationToken, api, configure, close }
}

/** Polls a workflow's runs until one reaches `status`. */
export async function waitForRun(
  api: Awaited<ReturnType<typeof startWorkflowSetup>>['api'],
  workflowId: string,
  status: string,
) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { body } = await api('GET', `/sandbox/api/workflows/${workflowId}`)
    const run = body.runs?.find(
      (entry: { status: string }) => entry.status === status,
    )
    if (run) {
      return run
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`workflow ${workflowId}: no run reached ${status}`)
}
