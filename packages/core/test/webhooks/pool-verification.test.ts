import { describe, expect, test } from 'vitest'
import {
  type HeaderValue,
  WebhookVerifier,
} from '../../src/webhooks/webhook-verifier.js'
import { testKeys } from './webhook-harness.js'

const keys = testKeys()
const other = testKeys()
const body = Buffer.from('{"type":"ContactCreate","locationId":"loc_A1"}')
const changed = Buffer.from('{"type":"ContactCreate","locationId":"loc_A2"}')

const verifier = new WebhookVerifier({
  publicKeys: [other.publicKey, keys.publicKey],
  rsaPublicKeys: [keys.rsaPublicKey],
  legacyRsa: true,
})

const cases: [string, Buffer, Record<string, HeaderValue>][] = [
  ['valid Ed25519', body, { 'x-ghl-signature': keys.signEd25519(body) }],
  ['changed body', changed, { 'x-ghl-signature': keys.signEd25519(body) }],
  ['missing header', body, {}],
  ['N/A header', body, { 'x-ghl-signature': 'N/A' }],
  ['not base64', body, { 'x-ghl-signature': '%%%' }],
  ['valid legacy RSA', body, { 'x-wh-signature': keys.signRsa(body) }],
  ['bad legacy RSA', changed, { 'x-wh-signature': keys.signRsa(body) }],
]

describe('webhook verification on the thread pool', () => {
  test.each(cases)(
    '%s gives the inline verdict',
    async (_case, raw, headers) => {
      const inline = verifier.verify(raw, headers)

      const pooled = await verifier.verifyInPool(raw, headers)

      expect(pooled).toEqual(inline)
    },
  )

  test('a key rotation accepts either key', async () => {
    const verdicts = await Promise.all(
      [keys, other].map((signer) =>
        verifier.verifyInPool(body, {
          'x-ghl-signature': signer.signEd25519(body),
        }),
      ),
    )

    expect(verdicts).toEqual([
      { ok: true, algorithm: 'ed25519' },
      { ok: true, algorithm: 'ed25519' },
    ])
  })

  test('no keys fails closed', async () => {
    const keyless = new WebhookVerifier({ publicKeys: [], devMode: true })

    const verdict = await keyless.verifyInPool(body, {
      'x-ghl-signature': keys.signEd25519(body),
    })

    expect(verdict).toEqual({ ok: false, reason: 'key_missing' })
  })
})
