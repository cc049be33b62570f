import { tempSqliteUrl } from '@hoopkit/testing'
import Fastify from 'fastify'
import { type Database, openDatabase } from '../../src/db/database.js'
import type { ActionDefinition } from '../../src/workflows/define-action.js'
import type { TriggerDefinition } from '../../src/workflows/define-trigger.js'
import type { LocationPoster } from '../../src/workflows/location-poster.js'
import { workflowPlugin } from '../../src/workflows/workflow-plugin.js'
import {
  createWorkflowRuntime,
  type WorkflowRuntime,
} from '../../src/workflows/workflow-runtime.js'
import { type LogEntry, recordingLogger } from '../webhooks/webhook-harness.js'

export const actionSecret = 'test-action-secret-0123456789'

/** A request that the recording platform received. */
export interface PlatformRequest {
  path: string
  authorization: string | undefined
  body: unknown
}

/**
 * Starts a local HTTP server in the platform's place that records every POST and
 * replies with the status set for its path, 200 by default.
 */
export async function startRecordingPlatform() {
  const requests: PlatformRequest[] = []
  const statuses = new Map<string, number[]>()
  const server = Fastify()
  server.post('/*', async (request, reply) => {
    const path = request.url
    requests.push({
      path,
      authorization: request.headers.authorization,
      body: request.body,
    })
    const queue = statuses.get(path) ?? []
    const status = queue.length > 1 ? (queue.shift() ?? 200) : (queue[0] ?? 200)
    return reply.code(status).send({})
  })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })

  return {
    url,
    requests,
    /** Sets the statuses of the next replies to `path`; the last one repeats. */
    respond(path: string, ...codes: number[]) {
      statuses.set(path, codes)
    },
    close: () => server.close(),
  }
}

/** Posts with a made-up location bearer, as the API client would. */
export function fetchPoster(platformUrl: string): LocationPoster {
  return {
    async post({ locationId, url, body }) {
      const response = await fetch(new URL(url, platformUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer token-of-${locationId}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      })
      return { status: response.status, body: await response.json() }
    },
  }
}

export interface TestAppOptions {
  // biome-ignore lint/suspicious/noExplicitAny: test actions vary.
  actions: ActionDefinition<any, any, any>[]
  // biome-ignore lint/suspicious/noExplicitAny: test triggers vary.
  triggers?: TriggerDefinition<any>[]
  platformUrl: string
  deadlineMs?: number
  previousSecrets?: string[]
  database?: Database
}

/** Serves the workflow endpoints on a real port with a fresh SQLite file. */
export async function startTestApp(options: TestAppOptions) {
  const logs: LogEntry[] = []
  const database =
    options.database ?? (await openDatabase({ url: tempSqliteUrl() }))
  const runtime: WorkflowRuntime = createWorkflowRuntime({
    db: database.db,
    poster: fetchPoster(options.platformUrl),
    actions: options.actions,
    triggers: options.triggers ?? [],
    secret: actionSecret,
    apiUrl: options.platformUrl,
    logger: recordingLogger(logs),
    ...(options.deadlineMs ? { deadlineMs: options.deadlineMs } : {}),
    ...(options.previousSecrets
      ? { previousSecrets: options.previousSecrets }
      : {}),
  })
  const server = Fastify()
  await server.register(workflowPlugin, { runtime })
  const url = await server.listen({ host: '127.0.0.1', port: 0 })

  const call = async (
    key: string,
    body: unknown,
    headers: Record<string, string> = {
      'x-hoopkit-action-secret': actionSecret,
    },
  ) => {
    const response = await fetch(`${url}/actions/${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, text, body: JSON.parse(text) }
  }

  const close = async () => {
    await server.close()
    await runtime.executor.idle()
    await database.close()
  }
  return { url, runtime, database, logs, call, close }
}

/** Picks the log entries that the executor writes, one per action call. */
export function executionEntries(logs: LogEntry[]): LogEntry[] {
  return logs.filter((entry) => entry.message === 'action executed')
}
