import { randomUUID } from 'node:crypto'
import { type CryptoKey, generateKeyPair, SignJWT } from 'jose'
import type { AccessGrant } from '../sandbox-auth.js'

export type TokenKind = 'access' | 'refresh'

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

  /** Generates the sandbox's own RSA key pair; a restart makes a new one. */
  static async create(): Promise<TokenSigner> {
    const { privateKey } = await generateKeyPair('RS256')
    return new TokenSigner(privateKey)
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
