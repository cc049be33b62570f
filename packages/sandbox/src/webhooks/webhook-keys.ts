import {
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
} from 'node:crypto'

/**
 * The sandbox's webhook signing keys. The Ed25519 pair signs
 * `x-ghl-signature`, as the platform does today. The RSA pair signs the
 * legacy `x-wh-signature` and is generated on first use, since most runs
 * never send that header.
 */
export class WebhookKeys {
  /** The Ed25519 public key as SPKI PEM, the form `HOOPAI_WEBHOOK_PUBLIC_KEY` takes. */
  readonly publicKeyPem: string
  readonly #privateKey: KeyObject
  #rsa: { privateKey: KeyObject; publicKeyPem: string } | undefined

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    this.#privateKey = privateKey
    this.publicKeyPem = publicKeyPem(publicKey)
  }

  /** The RSA public key as SPKI PEM, for `HOOPAI_WEBHOOK_RSA_PUBLIC_KEY`. */
  get rsaPublicKeyPem(): string {
    return this.#rsaPair().publicKeyPem
  }

  /** Signs body bytes with Ed25519 and returns the base64 signature. */
  signEd25519(body: Buffer): string {
    return sign(null, body, this.#privateKey).toString('base64')
  }

  /** Signs body bytes with RSA-SHA256 PKCS#1 v1.5, in base64. */
  signRsa(body: Buffer): string {
    return sign('sha256', body, this.#rsaPair().privateKey).toString('base64')
  }

  #rsaPair(): { privateKey: KeyObject; publicKeyPem: string } {
    if (this.#rsa === undefined) {
      // The platform's legacy key is RSA-4096, but 2048 bits keeps start-up short
      // and exercises the same verification path.
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
      this.#rsa = {
        privateKey,
        publicKeyPem: publicKeyPem(createPublicKey(privateKey)),
      }
    }
    return this.#rsa
  }
}

function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString()
}
