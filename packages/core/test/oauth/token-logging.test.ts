import { describe, expect, test } from 'vitest'
import type { Logger } from '../../src/logging/logger.js'
import {
  companyToken,
  locationToken,
  openOauthFixture,
  rejectionOf,
  testAppId,
  testClientSecret,
} from './oauth-fixture.js'
import {
  type RecordedRequest,
  startOauthTestServer,
  type TestReply,
  tokenReply,
} from './oauth-test-server.js'

/** Keeps every log entry, with its fields, as one JSON line. */
function recordingLogger(lines: string[], bindings: object = {}): Logger {
  const write = (level: string) => (fields: object, message: string) => {
    lines.push(JSON.stringify({ level, ...bindings, ...fields, message }))
  }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  }
}

/** Replies by refresh token, so each test token meets one failure kind. */
function endpointByToken(request: RecordedRequest): TestReply {
  const refreshToken = request.form.get('refresh_token')
  const code = request.form.get('code')
  const locationId = request.form.get('locationId')
  if (code === 'SECRET_CODE') {
    return tokenReply({
      access_token: 'SECRET_AT_install',
      refresh_token: 'SECRET_RT_install',
      userType: 'Location',
      companyId: 'cmp_T1',
      locationId: 'loc_I1',
    })
  }
  if (locationId === 'loc_M1') {
    return tokenReply({
      access_token: 'SECRET_AT_mint',
      refresh_token: 'SECRET_RT_mint',
      userType: 'Location',
      locationId: 'loc_OTHER',
    })
  }
  const replies: Record<string, TestReply> = {
    SECRET_RT_ok: tokenReply({
      access_token: 'SECRET_AT_new',
      refresh_token: 'SECRET_RT_new',
      locationId: 'loc_OK',
    }),
    SECRET_RT_dead: { status: 400, body: { error: 'invalid_grant' } },
    SECRET_RT_paused: {
      status: 400,
      body: { statusCode: 400, message: 'Location is not active' },
    },
    SECRET_RT_down: { status: 503, body: 'Service Unavailable' },
    SECRET_RT_config: {
      status: 422,
      body: {
        statusCode: 422,
        message: ['grant_type should not be empty'],
        traceId: 'tr_log',
      },
    },
  }
  return replies[refreshToken ?? ''] ?? { status: 404, body: {} }
}

describe('OAuth logging', () => {
  test('logs and errors carry no token', async () => {
    const lines: string[] = []
    await using server = await startOauthTestServer(endpointByToken)
    await using fixture = await openOauthFixture({
      apiUrl: server.url,
      logger: recordingLogger(lines),
    })
    const { oauth } = fixture
    const expired = Date.now() - 1000
    for (const kind of ['ok', 'dead', 'paused', 'down', 'config']) {
      await oauth.tokens.put(
        locationToken(`loc_${kind.toUpperCase()}`, {
          accessToken: `SECRET_AT_${kind}`,
          refreshToken: `SECRET_RT_${kind}`,
          expiresAt: expired,
        }),
      )
    }
    await oauth.tokens.put(
      companyToken('cmp_T1', { accessToken: 'SECRET_CAT' }),
    )

    const install = await oauth.callback.handle({ code: 'SECRET_CODE' })
    const errors: unknown[] = []
    for (const kind of ['OK', 'DEAD', 'PAUSED', 'DOWN', 'CONFIG']) {
      const result = oauth.refresher.accessToken({
        appId: testAppId,
        userType: 'Location',
        resourceId: `loc_${kind}`,
      })
      if (kind === 'OK') {
        await result
      } else {
        errors.push(await rejectionOf(result))
      }
    }
    errors.push(
      await rejectionOf(
        oauth.refresher.accessToken({
          appId: testAppId,
          userType: 'Location',
          resourceId: 'loc_M1',
          companyId: 'cmp_T1',
        }),
      ),
    )

    const logged = lines.join('\n')
    const thrown = errors
      .map((error) => JSON.stringify({ message: String(error), error }))
      .join('\n')
    expect(install.ok).toBe(true)
    expect(errors).toHaveLength(5)
    expect(logged).toContain('token refreshed')
    expect(logged).toContain('refresh token rejected')
    expect(logged).toContain('tr_log')
    expect(logged).not.toContain('SECRET_')
    expect(logged).not.toContain(testClientSecret)
    expect(thrown).not.toContain('SECRET_')
    expect(thrown).not.toContain(testClientSecret)
    expect(JSON.stringify(install)).not.toContain('SECRET_')
  })
})
