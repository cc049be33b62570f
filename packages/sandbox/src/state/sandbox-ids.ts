import { randomBytes } from 'node:crypto'

const alphabet =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** A 20-character id, in the form the platform uses for its records. */
export function platformId(): string {
  const bytes = randomBytes(20)
  let id = ''
  for (const byte of bytes) {
    id += alphabet[byte % alphabet.length]
  }
  return id
}

/** A 24-character hex id, the form of app and version ids. */
export function hexId(): string {
  return randomBytes(12).toString('hex')
}
