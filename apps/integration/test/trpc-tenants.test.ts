import { randomBytes } from 'node:crypto'
import { SessionTokens, type SsoUserContext } from '@hoopkit/core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startUiBackend, type UiTestBackend } from './ui-test-backend.js'

const secretKey = randomBytes(32).toString('base64')

function userContext(changes: Partial<SsoUserContext>): SsoUserContext {
  return {
    kind: 'location',
    userId: 'usr_A',
    companyId: 'cmp_T1',
    locationId: 'loc_A',
    role: 'admin',
    userName: 'Ada',
    email: 'ada@example.test',
    isAgencyOwner: false,
    versionId: null,
    appStatus: null,
    whitelabelDomain: null,
    ...changes,
  }
}

interface TrpcReply {
  result?: { data: unknown }
  error?: { message: string; data: { code: string; httpStatus: number } }
}

describe('tRPC tenant isolation', () => {
  let backend: UiTestBackend
  let tokenA: string

  beforeAll(async () => {
    backend = await startUiBackend({ HOOPKIT_SECRET_KEY: secretKey })
    await backend.addInstall({ resource_id: 'loc_A' })
    await backend.addInstall({ resource_id: 'loc_B' })
    await backend.addInstall({ resource_id: 'loc_X', company_id: 'cmp_other' })
    await backend.addInstall({
      resource_id: 'loc_gone',
      status: 'uninstalled',
    })
    tokenA = (await backend.services.ui.sessions.issue(userContext({}))).token
  })

  afterAll(async () => {
    await backend.close()
  })

  async function call(
    path: string,
    input: unknown,
    token: string | undefined,
  ): Promise<{ status: number; body: TrpcReply }> {
    const url = `${backend.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
    const response = await fetch(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      redirect: 'manual',
    })
    return {
      status: response.status,
      body: (await response.json()) as TrpcReply,
    }
  }

  test('own location is allowed', async () => {
    const { status, body } = await call(
      'settings.get',
      { locationId: 'loc_A' },
      tokenA,
    )

    expect(status).toBe(200)
    expect(body.result?.data).toMatchObject({ version: 0 })
  })

  test('other location is forbidden', async () => {
    for (const path of ['contacts.list', 'settings.get', 'health.get']) {
      const { status, body } = await call(path, { locationId: 'loc_B' }, tokenA)
      expect(status, path).toBe(403)
      expect(body.error?.data.code, path).toBe('FORBIDDEN')
      expect(body.error?.message, path).toContain('loc_B')
    }
  })

  test('contact of other location is forbidden', async () => {
    const { status } = await call(
      'contacts.get',
      { locationId: 'loc_B', contactId: 'ct_1' },
      tokenA,
    )

    expect(status).toBe(403)
  })

  test('forged token is unauthorized', async () => {
    const other = new SessionTokens({
      key: SessionTokens.deriveKey(randomBytes(32).toString('base64')),
    })
    const forged = (await other.issue(userContext({}))).token
    const [header, , signature] = tokenA.split('.')
    const claims = JSON.parse(
      Buffer.from(tokenA.split('.')[1] ?? '', 'base64url').toString(),
    )
    const swapped = Buffer.from(
      JSON.stringify({ ...claims, lid: 'loc_B' }),
    ).toString('base64url')

    for (const token of [forged, `${header}.${swapped}.${signature}`, 'x']) {
      const { status, body } = await call(
        'settings.get',
        { locationId: 'loc_A' },
        token,
      )
      expect(status).toBe(401)
      expect(body.error?.data.code).toBe('UNAUTHORIZED')
    }
  })

  test('expired token is unauthorized', async () => {
    const past = new SessionTokens({
      key: SessionTokens.deriveKey(secretKey),
      ttlSeconds: 60,
      now: () => Date.now() - 120_000,
    })
    const expired = (await past.issue(userContext({}))).token
    const { status, body } = await call(
      'settings.get',
      { locationId: 'loc_A' },
      expired,
    )

    expect(status).toBe(401)
    expect(body.error?.message).toContain('expired')
  })

  test('missing token is unauthorized', async () => {
    const { status } = await call('session.whoami', undefined, undefined)

    expect(status).toBe(401)
  })

  test('uninstalled tenant is unauthorized', async () => {
    const { token } = await backend.services.ui.sessions.issue(
      userContext({ locationId: 'loc_gone' }),
    )
    const { status, body } = await call(
      'settings.get',
      { locationId: 'loc_gone' },
      token,
    )

    expect(status).toBe(401)
    expect(body.error?.message).toContain('no longer installed')
  })

  test('company session reaches own locations only', async () => {
    await backend.addInstall({
      resource_id: 'cmp_T1',
      user_type: 'Company',
      location_id: null,
    })
    const { token } = await backend.services.ui.sessions.issue(
      userContext({ kind: 'agency', locationId: null }),
    )
    const own = await call('settings.get', { locationId: 'loc_B' }, token)
    const foreign = await call('settings.get', { locationId: 'loc_X' }, token)

    expect(own.status).toBe(200)
    expect(foreign.status).toBe(403)
  })

  test('invalid input is rejected', async () => {
    const { status, body } = await call(
      'contacts.list',
      { locationId: '' },
      tokenA,
    )

    expect(status).toBe(400)
    expect(body.error?.data.code).toBe('BAD_REQUEST')
  })

  test('user role cannot change settings', async () => {
    const { token } = await backend.services.ui.sessions.issue(
      userContext({ role: 'user' }),
    )
    const response = await fetch(`${backend.url}/trpc/settings.update`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        locationId: 'loc_A',
        expectedVersion: 0,
        values: { scoreThreshold: 80 },
      }),
    })

    expect(response.status).toBe(403)
  })
})
