import { setTimeout as sleep } from 'node:timers/promises'
import {
  type RecordedRequest as StubRequest,
  startPlatformStub,
} from '../support/platform-stub.js'

/** One request as the test server received it, with its form body parsed. */
export interface RecordedRequest extends StubRequest {
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
  readonly requests: RecordedRequest[]
  /** Requests to one path, in arrival order. */
  requestsTo(path: string): RecordedRequest[]
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Plays the platform's OAuth endpoints for one test on the shared platform
 * stub, which records every request on 127.0.0.1.
 */
export async function startOauthTestServer(
  handler: TestHandler,
): Promise<OauthTestServer> {
  const stub = await startPlatformStub(async (request) => {
    const reply = await handler(withForm(request))
    if (reply.delayMs) {
      await sleep(reply.delayMs)
    }
    return { status: reply.status, body: reply.body }
  })

  return {
    url: stub.url,
    get requests() {
      return stub.requests.map(withForm)
    },
    requestsTo: (path) =>
      stub.requests.filter((request) => request.path === path).map(withForm),
    [Symbol.asyncDispose]: () => stub[Symbol.asyncDispose](),
  }
}

function withForm(request: StubRequest): RecordedRequest {
  return { ...request, form: new URLSearchParams(request.body) }
}

/** The reply of the token endpoint to a reused or unknown grant. */
export const invalidGrant: TestReply = {
  status: 400,
  body: { error: 'invalid_grant' },
}

/** Builds a token reply with the platform's field names. */
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
