import { once } from 'node:events'
import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the test server received it. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  form: URLSearchParams
}

export interface TestReply {
  status: number
  body: unknown
  /** Waits this long before replying, in ms. */
  delayMs?: number
}

export type TestHandler = (
  request: RecordedRequest,
) => TestReply | Promise<TestReply>

export interface OauthTestServer {
  url: string
  requests: RecordedRequest[]
  /** Requests to one path, in arrival order. */
  requestsTo(path: string): RecordedRequest[]
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * A real HTTP server on 127.0.0.1 that plays the platform's OAuth
 * endpoints for one test, recording every request it receives.
 */
export async function startOauthTestServer(
  handler: TestHandler,
): Promise<OauthTestServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
      const body = Buffer.concat(chunks).toString('utf8')
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        form: new URLSearchParams(body),
      }
      requests.push(recorded)
      void reply(handler, recorded, response)
    })
  })

  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const close = async () => {
    server.closeAllConnections()
    server.close()
    await once(server, 'close')
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => requests.filter((request) => request.path === path),
    close,
    [Symbol.asyncDispose]: close,
  }
}

async function reply(
  handler: TestHandler,
  request: RecordedRequest,
  response: ServerResponse,
): Promise<void> {
  const result = await handler(request)
  if (result.delayMs) {
    await new Promise((resolve) => setTimeout(resolve, result.delayMs))
  }
  response.writeHead(result.status, { 'Content-Type': 'application/json' })
  response.end(JSON.stringify(result.body))
}

/** The reply of the token endpoint to a reused or unknown grant. */
export const invalidGrant: TestReply = {
  status: 400,
  body: { error: 'invalid_grant' },
}

/** A token reply with the platform's field names. */
export function tokenReply(fields: Record<string, unknown>): TestReply {
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: 86399,
      userId: 'usr_T1',
      ...fields,
    },
  }
}
