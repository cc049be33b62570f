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
    expect(whitelabelOrigin('localhost')).toBeNull()
  })
})
