import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { envInteger } from '../../src/config/env-integer.js'
import { parseEnv } from '../../src/config/hoopkit-config.js'
import { webhookEnvFields } from '../../src/webhooks/webhook-env.js'

const schema = z.object({
  ATTEMPTS: envInteger({ min: 1, max: 10, default: 4 }),
})

describe('integer environment variables', () => {
  test.each([
    ['unset', 4, undefined],
    ['empty', 4, ''],
    ['blank', 4, '  '],
    ['set', 7, '7'],
  ])('%s value reads as %i', (_case, expected, value) => {
    const env = parseEnv(schema, { ATTEMPTS: value })

    expect(env.ATTEMPTS).toBe(expected)
  })

  test.each([['abc'], ['0'], ['11'], ['2.5']])(
    'value %s is rejected with the range',
    (value) => {
      const read = () => parseEnv(schema, { ATTEMPTS: value })

      expect(read).toThrow(
        'ATTEMPTS must be a whole number from 1 to 10, or unset for 4',
      )
    },
  )

  test('empty webhook tolerance keeps five minutes', () => {
    const env = parseEnv(z.object(webhookEnvFields), {
      HOOPKIT_WEBHOOK_TOLERANCE_SECONDS: '',
    })

    expect(env.HOOPKIT_WEBHOOK_TOLERANCE_SECONDS).toBe(300)
  })
})
