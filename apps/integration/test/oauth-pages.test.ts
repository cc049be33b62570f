import { describe, expect, test } from 'vitest'
import {
  installErrorStatus,
  renderInstallErrorPage,
} from '../src/oauth/install-error-page.js'
import { renderOnboardingPage } from '../src/oauth/onboarding-page.js'

describe('renderOnboardingPage', () => {
  test('escapes names from the platform', () => {
    const page = renderOnboardingPage({
      appName: 'Lead Notes',
      resourceName: '<script>alert(1)</script>',
      install: {
        appId: 'app_T1',
        userType: 'Company',
        resourceId: 'cmp_T1',
        companyId: 'cmp_T1',
        locationId: null,
        scopes: ['oauth.readonly'],
        isBulk: true,
        locations: [
          { locationId: 'loc_A1', name: 'A&B "Dental"', status: 'active' },
          { locationId: 'loc_B2', name: null, status: 'pending' },
        ],
      },
    })

    expect(page).not.toContain('<script>')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).toContain('A&amp;B &quot;Dental&quot;')
    expect(page).toContain('finishing setup')
    expect(page).toContain('get their access on first use')
  })
})

describe('renderInstallErrorPage', () => {
  test('shows reason, code and trace id', () => {
    const failure = {
      code: 'OAUTH_CONFIG_INVALID',
      status: 500,
      message: 'code exchange failed: got HTTP 422 "<b>bad</b>"',
      traceId: 'tr_1',
    } as const

    const page = renderInstallErrorPage(failure)

    expect(installErrorStatus(failure)).toBe(502)
    expect(page).toContain('OAUTH_CONFIG_INVALID')
    expect(page).toContain('tr_1')
    expect(page).toContain('&lt;b&gt;bad&lt;/b&gt;')
    expect(page).toContain('Nothing was changed by this attempt.')
  })

  test('answers 400 for bad input', () => {
    expect(
      installErrorStatus({
        code: 'OAUTH_CODE_MISSING',
        status: 400,
        message: 'install callback: expected a code query parameter',
      }),
    ).toBe(400)
  })
})
