import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the stub received it. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: string
  /** Wall-clock milliseconds at arrival. */
  at: number
}

/** The stub's reply: a status and JSON body, or a connection it drops. */
export type StubReply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { drop: true }
  | { hang: true }

export type StubHandler = (
  request: RecordedRequest,
  index: number,
) => StubReply | Promise<StubReply>

/**
 * A real HTTP server on 127.0.0.1 that plays the platform in a test: it
 * records every request and replies as the test's handler says.
 */
export interface PlatformStub {
  url: string
  requests: RecordedRequest[]
  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[]
  [Symbol.asyncDispose](): Promise<void>
}

export async function startPlatformStub(
  handler: StubHandler,
): Promise<PlatformStub> {
  const requests: RecordedRequest[] = []
  const hanging = new Set<ServerResponse>()

  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer)
    }
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
    const request: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    }
    requests.push(request)

    const reply = await handler(request, requests.length - 1)
    if ('drop' in reply) {
      incoming.socket.destroy()
      return
    }
    if ('hang' in reply) {
      hanging.add(response)
      return
    }
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      ...reply.headers,
    })
    response.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    async [Symbol.asyncDispose]() {
      for (const response of hanging) {
        response.socket?.destroy()
      }
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
