import { randomUUID } from 'node:crypto'
import { type CryptoKey, generateKeyPair, SignJWT } from 'jose'
import type { AccessGrant } from '../sandbox-auth.js'

export type TokenKind = 'access' | 'refresh'

let processKey: Promise<CryptoKey> | undefined

/**
 * Signs the sandbox's access and refresh tokens as RS256 JWTs, like the
 * platform's. The sandbox checks tokens against its token store, so the
 * signature matters only to apps that decode them.
 */
export class TokenSigner {
  readonly #privateKey: CryptoKey

  private constructor(privateKey: CryptoKey) {
    this.#privateKey = privateKey
  }

  /**
   * Creates a signer with the process's RSA key. Sandboxes in one process
   * share the key, because generating one takes most of a second and test
   * suites start many sandboxes. Each sandbox still keeps its own tokens.
   */
  static async create(): Promise<TokenSigner> {
    processKey ??= generateKeyPair('RS256').then((pair) => pair.privateKey)
    return new TokenSigner(await processKey)
  }

  /** Signs a token for the grant that expires at `expiresAt` (epoch ms). */
  sign(grant: AccessGrant, kind: TokenKind, expiresAt: number) {
    const claims = {
      authClass: grant.userType,
      authClassId: grant.locationId ?? grant.companyId,
      source: 'INTEGRATION',
      sourceId: grant.clientId,
      channel: 'OAUTH',
      primaryAuthClassId: grant.locationId ?? grant.companyId,
      oauthMeta: {
        scopes: grant.scopes,
        client: grant.appId,
        clientKey: grant.clientId,
      },
      tokenType: kind,
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setSubject(grant.userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.#privateKey)
  }
}
