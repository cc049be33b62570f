import { describe, expect, test } from 'vitest'
import { isHoopkitError } from '../../src/errors/hoopkit-error.js'
import type { OauthCallbackHandler } from '../../src/oauth/oauth-callback-handler.js'
import { TokenEndpointClient } from '../../src/oauth/token-endpoint-client.js'
import {
  openOauthFixture,
  testClientId,
  testClientSecret,
} from './oauth-fixture.js'
import { startOauthTestServer, tokenReply } from './oauth-test-server.js'

const redirectUri = 'https://app.example.test/oauth/callback'

/** The platform's reply to a token request without a grant type. */
const emptyGrantTypeReply = {
  status: 422,
  body: {
    statusCode: 422,
    message: ['grant_type should not be empty'],
    traceId: 'tr_1',
  },
}

describe('TokenEndpointClient', () => {
  test('exchanges code form-encoded', async () => {
    await using server = await startOauthTestServer(() =>
      tokenReply({ access_token: 'AT1', refresh_token: 'RT1' }),
    )
    const client = new TokenEndpointClient({
      clientId: testClientId,
      clientSecret: testClientSecret,
      apiUrl: server.url,
      redirectUri,
      userType: 'Location',
    })

    const result = await client.exchangeCode('AC1')
    const [request] = server.requests

    expect(result.ok).toBe(true)
    expect(server.requests).toHaveLength(1)
    expect(request?.method).toBe('POST')
    expect(request?.path).toBe('/oauth/token')
    expect(request?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    )
    expect(request?.headers['version']).toBeUndefined()
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      client_id: testClientId,
      client_secret: testClientSecret,
      grant_type: 'authorization_code',
      code: 'AC1',
      redirect_uri: redirectUri,
      user_type: 'Location',
    })
  })

  test('leaves out unconfigured optional fields', async () => {
    await using server = await startOauthTestServer(() =>
      tokenReply({ access_token: 'AT1' }),
    )
    const client = new TokenEndpointClient({
      clientId: testClientId,
      clientSecret: testClientSecret,
      apiUrl: server.url,
    })

    await client.exchangeCode('AC1')
    const form = server.requests[0]?.form

    expect(form?.get('grant_type')).toBe('authorization_code')
    expect(form?.has('redirect_uri')).toBe(false)
    expect(form?.has('user_type')).toBe(false)
  })

  test('refreshes form-encoded with its grant type', async () => {
    await using server = await startOauthTestServer(() =>
      tokenReply({ access_token: 'AT2', refresh_token: 'RT2' }),
    )
    const client = new TokenEndpointClient({
      clientId: testClientId,
      clientSecret: testClientSecret,
      apiUrl: server.url,
    })

    const result = await client.refresh('RT1', 'Company')
    const request = server.requests[0]

    expect(result.ok && result.grant.access_token).toBe('AT2')
    expect(request?.headers['content-type']).toBe(
      'application/x-www-form-urlencoded',
    )
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      client_id: testClientId,
      client_secret: testClientSecret,
      grant_type: 'refresh_token',
      refresh_token: 'RT1',
      user_type: 'Company',
    })
  })

  test('reports timeout as unavailable', async () => {
    await using server = await startOauthTestServer(() => ({
      status: 200,
      body: {},
      delayMs: 2_000,
    }))
    const client = new TokenEndpointClient({
      clientId: testClientId,
      clientSecret: testClientSecret,
      apiUrl: server.url,
      timeoutMs: 100,
    })

    const result = await client.refresh('RT1', 'Location')

    expect(result.ok).toBe(false)
    expect(!result.ok && result.failure.kind).toBe('unavailable')
    expect(!result.ok && result.failure.message).toBe(
      'token request failed: timeout',
    )
  })
})

describe('OauthCallbackHandler exchange errors', () => {
  test('422 becomes config error with trace id', async () => {
    await using server = await startOauthTestServer(() => emptyGrantTypeReply)
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    const handler: OauthCallbackHandler = fixture.oauth.callback

    const outcome = await handler.handle({ code: 'AC1' })
    const again = await handler.handle({ code: 'AC1' })

    expect(outcome.ok).toBe(false)
    expect(!outcome.ok && outcome.error.code).toBe('OAUTH_CONFIG_INVALID')
    expect(!outcome.ok && outcome.error.traceId).toBe('tr_1')
    expect(again).toEqual(outcome)
    expect(server.requests).toHaveLength(1)
  })

  test('422 on refresh is not retried', async () => {
    await using server = await startOauthTestServer(() => emptyGrantTypeReply)
    await using fixture = await openOauthFixture({ apiUrl: server.url })
    await fixture.oauth.tokens.put({
      appId: fixture.oauth.appId,
      resourceId: 'loc_A1',
      userType: 'Location',
      companyId: 'cmp_T1',
      locationId: 'loc_A1',
      accessToken: 'AT1',
      refreshToken: 'RT1',
      expiresAt: Date.now() - 1000,
      scope: null,
      userId: null,
    })

    let error: unknown
    try {
      await fixture.oauth.refresher.accessToken({
        appId: fixture.oauth.appId,
        userType: 'Location',
        resourceId: 'loc_A1',
      })
    } catch (caught) {
      error = caught
    }

    expect(isHoopkitError(error, 'OAUTH_CONFIG_INVALID')).toBe(true)
    expect(isHoopkitError(error) && error.details['traceId']).toBe('tr_1')
    expect(server.requests).toHaveLength(1)
  })
})
