import { describe, expect, test } from 'vitest'
import {
  FrameAncestors,
  whitelabelOrigin,
} from '../src/framing/frame-ancestors.js'

describe('FrameAncestors', () => {
  test('framed policy lists platform and white-label', () => {
    const policy = new FrameAncestors({
      platformOrigins: ['https://app.gohighlevel.com'],
      extraOrigins: ['https://app.hoopai.test'],
    }).framedPolicy('crm.agency-test.example')

    expect(policy).toBe(
      'frame-ancestors https://app.gohighlevel.com https://app.hoopai.test ' +
        'https://crm.agency-test.example',
    )
  })

  test('denied policy allows no frame', () => {
    expect(FrameAncestors.deniedPolicy).toBe("frame-ancestors 'none'")
  })

  test('invalid configured origin is rejected', () => {
    expect(
      () =>
        new FrameAncestors({ extraOrigins: ['crm.example.com; script-src'] }),
    ).toThrow(/HOOPKIT_FRAME_ANCESTORS/)
  })

  test('accepts any-port local origins', () => {
    const policy = new FrameAncestors({
      platformOrigins: ['http://127.0.0.1:*'],
    }).framedPolicy()

    expect(policy).toBe('frame-ancestors http://127.0.0.1:*')
  })

  test('parses space and comma lists', () => {
    expect(
      FrameAncestors.parseList(' https://a.test, https://b.test  '),
    ).toEqual(['https://a.test', 'https://b.test'])
    expect(FrameAncestors.parseList(undefined)).toEqual([])
  })
})

describe('whitelabelOrigin', () => {
  test('stored domains become https origins', () => {
    expect(whitelabelOrigin('CRM.Agency.test')).toBe('https://crm.agency.test')
    expect(whitelabelOrigin('https://crm.agency.test/path')).toBe(
      'https://crm.agency.test',
    )
  })

  test('unsafe values are dropped', () => {
    expect(whitelabelOrigin("crm.test; script-src 'unsafe-inline'")).toBeNull()
    expect(whitelabelOrigin('')).toBeNull()
    expect(whitelabelOrigin(null)).toBeNull()
    expect(whitelabelOrigin('intranet')).toBeNull()
    expect(whitelabelOrigin('app.x.localhost:4100; script-src')).toBeNull()
    expect(whitelabelOrigin('crm.agency.test:4100000')).toBeNull()
  })

  test('real domains stay https with a port', () => {
    expect(whitelabelOrigin('crm.agency.test:8443')).toBe(
      'https://crm.agency.test:8443',
    )
    expect(whitelabelOrigin('http://crm.agency.test:8080')).toBe(
      'https://crm.agency.test:8080',
    )
  })

  test('localhost names keep http and port', () => {
    expect(whitelabelOrigin('app.summit-agency.localhost:4100')).toBe(
      'http://app.summit-agency.localhost:4100',
    )
    expect(whitelabelOrigin('App.Summit-Agency.Localhost:4100')).toBe(
      'http://app.summit-agency.localhost:4100',
    )
    expect(whitelabelOrigin('localhost:4100')).toBe('http://localhost:4100')
    expect(whitelabelOrigin('http://crm.localhost:4100/path')).toBe(
      'http://crm.localhost:4100',
    )
    expect(whitelabelOrigin('https://crm.localhost:4443')).toBe(
      'https://crm.localhost:4443',
    )
  })

  test('localhost suffix in real domain stays https', () => {
    expect(whitelabelOrigin('crm.localhost.agency.test')).toBe(
      'https://crm.localhost.agency.test',
    )
    expect(whitelabelOrigin('crmlocalhost:4100')).toBeNull()
  })
})

describe('FrameAncestors with localhost domains', () => {
  const ancestors = new FrameAncestors({
    platformOrigins: ['http://app.gohighlevel.localhost:4100'],
  })

  test('white-label localhost origin is allowed', () => {
    expect(
      ancestors.allowedOrigins('app.summit-agency.localhost:4100'),
    ).toEqual([
      'http://app.gohighlevel.localhost:4100',
      'http://app.summit-agency.localhost:4100',
    ])
  })

  test('other port is not allowed', () => {
    const origins = ancestors.allowedOrigins('app.summit-agency.localhost:4100')

    expect(origins).not.toContain('http://app.summit-agency.localhost:4101')
    expect(origins).not.toContain('https://app.summit-agency.localhost:4100')
  })
})
