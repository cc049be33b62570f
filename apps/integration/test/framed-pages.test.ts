import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startUiBackend, type UiTestBackend } from './ui-test-backend.js'

const platformOrigins =
  'https://app.gohighlevel.com https://*.leadconnectorhq.com'

describe('framed pages', () => {
  let backend: UiTestBackend

  beforeAll(async () => {
    backend = await startUiBackend({
      HOOPAI_APP_ORIGINS: platformOrigins,
      HOOPKIT_FRAME_ANCESTORS: 'https://app.hoopai.test',
    })
    await backend.addInstall({
      resource_id: 'loc_WL',
      whitelabel_domain: 'crm.agency-test.example',
    })
  })

  afterAll(async () => {
    await backend.close()
  })

  function headerValues(response: Response): string {
    return [...response.headers.entries()]
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n')
  }

  test('platform and white-label can frame page', async () => {
    const response = await fetch(
      `${backend.url}/pages/settings?locationId=loc_WL`,
    )
    const policy = response.headers.get('content-security-policy')

    expect(response.status).toBe(200)
    expect(response.headers.get('x-frame-options')).toBeNull()
    expect(headerValues(response).toUpperCase()).not.toContain('ALLOW-FROM')
    expect(policy).toBe(
      'frame-ancestors https://app.gohighlevel.com ' +
        'https://*.leadconnectorhq.com https://app.hoopai.test ' +
        'https://crm.agency-test.example',
    )
  })

  test('page lists frame origins for handshake', async () => {
    const response = await fetch(
      `${backend.url}/pages/settings?locationId=loc_WL`,
    )
    const html = await response.text()

    expect(html).toContain(
      '<meta name="hoopkit-frame-origins" content="https://app.gohighlevel.com ' +
        'https://*.leadconnectorhq.com https://app.hoopai.test ' +
        'https://crm.agency-test.example">',
    )
  })

  test('page without install omits white-label', async () => {
    const response = await fetch(`${backend.url}/pages/settings`)
    const policy = response.headers.get('content-security-policy')

    expect(policy).toBe(
      'frame-ancestors https://app.gohighlevel.com ' +
        'https://*.leadconnectorhq.com https://app.hoopai.test',
    )
  })

  test('agency view takes sub-account white-label', async () => {
    await backend.addInstall({
      resource_id: 'cmp_T1',
      user_type: 'Company',
      location_id: null,
    })
    const response = await fetch(`${backend.url}/pages/?companyId=cmp_T1`)
    const other = await fetch(`${backend.url}/pages/?companyId=cmp_OTHER`)

    expect(response.headers.get('content-security-policy')).toContain(
      'https://crm.agency-test.example',
    )
    expect(other.headers.get('content-security-policy')).not.toContain(
      'https://crm.agency-test.example',
    )
  })

  test('unfilled menu variable is ignored', async () => {
    const response = await fetch(
      `${backend.url}/pages/?locationId=%7B%7Blocation.id%7D%7D`,
    )

    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).not.toContain(
      'crm.agency-test.example',
    )
  })

  test('widget pages are framed too', async () => {
    for (const widget of ['contact', 'dashboard']) {
      const response = await fetch(
        `${backend.url}/widgets/${widget}?locationId=loc_WL`,
      )
      expect(response.status, widget).toBe(200)
      expect(response.headers.get('x-frame-options'), widget).toBeNull()
      expect(response.headers.get('content-security-policy'), widget).toContain(
        'https://crm.agency-test.example',
      )
    }
  })

  test('other routes forbid framing', async () => {
    const paths = [
      '/healthz',
      '/sso/session',
      '/pages/assets/page-abc.js',
      '/widgets/loader.js',
      '/widgets/unknown',
      '/no-such-route',
    ]
    for (const path of paths) {
      const response = await fetch(`${backend.url}${path}`)
      expect(response.headers.get('content-security-policy'), path).toBe(
        "frame-ancestors 'none'",
      )
      expect(response.headers.get('x-frame-options'), path).toBeNull()
    }
  })

  test('unknown widget is 404', async () => {
    const response = await fetch(`${backend.url}/widgets/unknown`)
    const json = (await response.json()) as { error: { code: string } }

    expect(response.status).toBe(404)
    expect(json.error.code).toBe('UI_PAGE_NOT_FOUND')
  })
})
