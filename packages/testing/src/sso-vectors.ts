/**
 * SSO payloads in the platform's format (CryptoJS passphrase mode) with
 * their secrets and exact plaintexts, for tests of the decoder and the
 * exchange. `openssl enc -d -aes-256-cbc -md md5 -a -A -k <secret>`
 * decrypts both.
 */
export const ssoVectors = {
  /** An agency-typed payload with an active location and a UTF-8 name. */
  platform: {
    secret: 'sso-test-key-0001',
    payload:
      'U2FsdGVkX18BAgMEBQYHCF6LyxXfaiAAiGw1ezxC6PcpN4/MGazBRwVDfRZYMAioKPv6' +
      'EJZMROyNwxPMfqPncXjSZk/RpHKtHjLEYbJvNP4aHpuLG/awGfXgPdS2GS8Cu9v66/xf' +
      'Kwm1iSx9HBWPCHkVdP3rv5fu5LsrtVlQkufOAJjZl10z7IJQkEgAWq0HO7kiHxuUv9XZ' +
      'LttUScK27VFMXJIjK5ox1f+ZINlEToU=',
    plaintext:
      '{"userId":"usr_T1","companyId":"cmp_T1","role":"admin",' +
      '"type":"agency","activeLocation":"loc_T1","userName":"Zoë Test",' +
      '"email":"zoe@example.test"}',
  },
  /** A location-typed payload. */
  knownAnswer: {
    secret: 'hoopkit-kat',
    payload:
      'U2FsdGVkX1+gGyw9Tl9gcUlmtnL5LraLC9eoCJhfEybE7D2Q+XrVf5pW2z7gujCt1vp8' +
      'fvGKICckgiBxpMaGIq8PzaqakRZB2OjBJW6POBlckEfRdw/ZKxCn5QODX2CrokPSDSSTN' +
      'MH7FavQiYgqT/tQ6bx27imMZMBrIRVcOrwS4sAxEPOC+FQCO2MTI99e',
    plaintext:
      '{"userId":"u1","companyId":"c1","role":"user","type":"location",' +
      '"activeLocation":"l1","userName":"Zoë","email":"z@x.test"}',
  },
} as const
