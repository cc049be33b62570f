import { describe, expect, test } from 'vitest'
import { buildInstallUrl } from '../../src/oauth/install-url.js'
import { testClientId } from './oauth-fixture.js'

const redirectUri = 'https://app.example.test/oauth/callback'

describe('buildInstallUrl', () => {
  test('joins scopes with %20', () => {
    const url = buildInstallUrl({
      clientId: testClientId,
      redirectUri,
      scopes: ['contacts.readonly', 'contacts.write'],
    })

    expect(url).toContain('scope=contacts.readonly%20contacts.write')
    expect(url).not.toContain('+')
    expect(url).not.toContain('%2B')
    expect(url).not.toContain('%2520')
  })

  test('encodes redirect URI once', () => {
    const url = buildInstallUrl({
      clientId: testClientId,
      redirectUri,
      scopes: ['contacts.readonly'],
    })
    const encoded = url.match(/[?&]redirect_uri=([^&]*)/)?.[1] ?? ''

    expect(url).toContain(
      'redirect_uri=https%3A%2F%2Fapp.example.test%2Foauth%2Fcallback',
    )
    expect(decodeURIComponent(encoded)).toBe(redirectUri)
  })

  test('targets v2 consent path', () => {
    const url = new URL(
      buildInstallUrl({
        clientId: testClientId,
        redirectUri,
        scopes: ['contacts.readonly'],
        versionId: '65f0c0ffee0000000000cafe',
        marketplaceUrl: 'http://127.0.0.1:4100',
      }),
    )

    expect(url.origin).toBe('http://127.0.0.1:4100')
    expect(url.pathname).toBe('/v2/oauth/chooselocation')
    expect(url.searchParams.get('response_type')).toBe('code')
    expect(url.searchParams.get('client_id')).toBe(testClientId)
    expect(url.searchParams.get('version_id')).toBe('65f0c0ffee0000000000cafe')
  })

  test('leaves out version_id when unset', () => {
    const url = buildInstallUrl({
      clientId: testClientId,
      redirectUri,
      scopes: ['contacts.readonly'],
    })

    expect(url).not.toContain('version_id')
  })

  test('rejects empty scope list', () => {
    expect(() =>
      buildInstallUrl({ clientId: testClientId, redirectUri, scopes: [] }),
    ).toThrow(/expected at least one scope/)
  })
})
