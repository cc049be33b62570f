import type { RegisteredApp } from '@hoopkit/sandbox'
import { describe, expect, test } from 'vitest'
import { backendEnvironment } from '../src/dev/backend-env.js'

const app = {
  clientId: 'a1b2c3d4e5f6a7b8c9d0e1f2-abcd1234',
  clientSecret: 'secret-value',
  versionId: 'f2e1d0c9b8a7f6e5d4c3b2a1',
  redirectUri: 'http://127.0.0.1:4000/oauth/callback',
  ssoKey: 'sso-key',
} as RegisteredApp

function environment(base: Record<string, string | undefined> = {}) {
  return backendEnvironment({
    base,
    app,
    sandboxUrl: 'http://127.0.0.1:4100',
    platformAppOrigin: 'http://app.gohighlevel.localhost:4100',
    backendHost: '127.0.0.1',
    backendPort: 4000,
    dataDir: '/tmp/hoopkit-dev',
    devEnv: {},
    webhookPublicKeyPem: 'PEM',
  })
}

describe('dev backend environment', () => {
  test('platform app origin is the sandbox', () => {
    const env = environment()

    expect(env['HOOPAI_APP_ORIGINS']).toBe(
      'http://app.gohighlevel.localhost:4100',
    )
    expect(env['HOOPAI_API_URL']).toBe('http://127.0.0.1:4100')
  })

  test('sandbox origin is no extra ancestor', () => {
    expect(environment()['HOOPKIT_FRAME_ANCESTORS']).toBeUndefined()
  })

  test('configured extra ancestors stay', () => {
    const env = environment({ HOOPKIT_FRAME_ANCESTORS: 'https://crm.test' })

    expect(env['HOOPKIT_FRAME_ANCESTORS']).toBe('https://crm.test')
  })
})
