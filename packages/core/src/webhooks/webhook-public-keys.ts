import { createPublicKey, type KeyObject } from 'node:crypto'
import { HoopkitError } from '../errors/hoopkit-error.js'

/** The platform's published Ed25519 key for `x-ghl-signature`. */
export const platformWebhookPublicKey = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=
-----END PUBLIC KEY-----`

/** The platform's published RSA-4096 key for the legacy `x-wh-signature`. */
export const platformWebhookRsaPublicKey = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`

const pemBlock = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g

/**
 * Parses one or more public keys: PEM blocks one after another, or base64
 * SPKI DER values separated by commas or whitespace. Several keys are live
 * during a rotation. Escaped `\n` sequences, as env files write them, count
 * as line breaks.
 */
export function parsePublicKeys(value: string, variable: string): KeyObject[] {
  const text = value.replaceAll('\\n', '\n').trim()
  if (text === '') {
    return []
  }

  const pems = text.match(pemBlock)
  const encoded = pems ?? text.split(/[\s,]+/).filter((part) => part !== '')
  return encoded.map((entry, index) =>
    parseOne(entry, pems !== null, {
      variable,
      index,
    }),
  )
}

function parseOne(
  entry: string,
  isPem: boolean,
  where: { variable: string; index: number },
): KeyObject {
  try {
    return isPem
      ? createPublicKey(entry)
      : createPublicKey({
          key: Buffer.from(entry, 'base64'),
          format: 'der',
          type: 'spki',
        })
  } catch (error) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `${where.variable}: key ${where.index + 1} is not a valid public key: ` +
        'expected SPKI PEM or base64 DER',
      { cause: error, details: { variable: where.variable } },
    )
  }
}
