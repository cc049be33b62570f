import { isHoopkitError, type TokenTarget } from '@hoopkit/core'
import type { PlatformBehaviour } from '@hoopkit/sandbox'
import { describe, expect, test } from 'vitest'
import {
  consent,
  type OauthTestBackend,
  seedIds,
  startOauthBackend,
} from './oauth-test-backend.js'

async function installHarbor(
  platform: Partial<PlatformBehaviour> = {},
): Promise<{ backend: OauthTestBackend; target: TokenTarget }> {
  const backend = await startOauthBackend({ platform })
  const callback = await consent(backend, {
    userId: seedIds.harborUser,
    target: [seedIds.harbor],
  })
  const response = await fetch(callback)
  if (response.status !== 200) {
    throw new Error(`install: expected 200, got ${response.status}`)
  }
  const target: TokenTarget = {
    appId: backend.services.oauth.appId,
    userType: 'Location',
    resourceId: seedIds.harbor,
  }
  return { backend, target }
}

/** Moves the stored token's expiry into the past, as a day's wait would. */
async function expireToken(backend: OauthTestBackend, resourceId: string) {
  await backend.services.database.db
    .updateTable('tokens')
    .set({ expires_at: Date.now() - 1000 })
    .where('resource_id', '=', resourceId)
    .execute()
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}

const errorShapes: PlatformBehaviour['errorBodyShape'][] = [
  'platform',
  'rfc',
  'mixed',
]

describe.each(errorShapes)('TokenRefresher with %s error bodies', (shape) => {
  test('rotates pair once', async () => {
    const { backend, target } = await installHarbor({ errorBodyShape: shape })
    await using _backend = backend
    const { oauth } = backend.services
    const before = await oauth.tokens.get(target.appId, target.resourceId)
    await expireToken(backend, target.resourceId)

    const [first, second] = await Promise.all([
      oauth.refresher.accessToken(target),
      oauth.refresher.accessToken(target),
    ])
    const after = await oauth.tokens.get(target.appId, target.resourceId)
    const reuse = await oauth.tokenEndpoint.refresh(
      before?.refreshToken ?? '',
      'Location',
    )
    const grant = backend.sandbox.context.auth.authenticate(
      `Bearer ${first.token}`,
    )

    expect(first.token).not.toBe(before?.accessToken)
    expect(second.token).toBe(first.token)
    expect(after?.refreshToken).not.toBe(before?.refreshToken)
    expect(after?.version).toBe((before?.version ?? 0) + 1)
    expect(grant.ok).toBe(true)
    expect(reuse.ok).toBe(false)
    expect(!reuse.ok && reuse.failure.kind).toBe('invalid_grant')
  })

  test('dead refresh token requires reinstall', async () => {
    const { backend, target } = await installHarbor({ errorBodyShape: shape })
    await using _backend = backend
    const { oauth } = backend.services
    const stored = await oauth.tokens.get(target.appId, target.resourceId)
    // Another client spends the refresh token behind the refresher's back.
    const spent = await oauth.tokenEndpoint.refresh(
      stored?.refreshToken ?? '',
      'Location',
    )
    const first = await oauth.refresher.accessToken(target)

    const error = await caught(
      oauth.refresher.refreshAfterUnauthorized(target, first),
    )
    const install = await oauth.installs.get(target.appId, target.resourceId)

    expect(spent.ok).toBe(true)
    expect(isHoopkitError(error, 'REAUTH_REQUIRED')).toBe(true)
    expect((error as Error).message).toContain(seedIds.harbor)
    expect(install?.status).toBe('reauth_required')
  })

  test('suspended location keeps its tokens', async () => {
    const { backend, target } = await installHarbor({ errorBodyShape: shape })
    await using _backend = backend
    const { oauth } = backend.services
    const before = await oauth.tokens.get(target.appId, target.resourceId)
    backend.sandbox.context.installs.setSuspended(seedIds.harbor, true)
    await expireToken(backend, target.resourceId)

    const error = await caught(oauth.refresher.accessToken(target))
    const kept = await oauth.tokens.get(target.appId, target.resourceId)
    const suspended = await oauth.installs.get(target.appId, target.resourceId)

    backend.sandbox.context.installs.setSuspended(seedIds.harbor, false)
    await backend.services.database.db
      .updateTable('tokens')
      .set({ refresh_blocked_until: Date.now() - 1 })
      .where('resource_id', '=', target.resourceId)
      .execute()
    const resumed = await oauth.refresher.accessToken(target)
    const active = await oauth.installs.get(target.appId, target.resourceId)

    expect(isHoopkitError(error, 'LOCATION_SUSPENDED')).toBe(true)
    expect(kept?.refreshToken).toBe(before?.refreshToken)
    expect(suspended?.status).toBe('suspended')
    expect(resumed.token).not.toBe(before?.accessToken)
    expect(active?.status).toBe('active')
  })

  test('unknown code gets error page', async () => {
    await using backend = await startOauthBackend({
      platform: { errorBodyShape: shape },
    })

    const response = await fetch(`${backend.url}/oauth/callback?code=0123abcd`)
    const page = await response.text()

    expect(response.status).toBe(400)
    expect(page).toContain('OAUTH_CODE_INVALID')
  })
})
