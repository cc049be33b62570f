/** What a valid access token grants, as the sandbox's token store reads it. */
export interface AccessGrant {
  appId: string
  clientId: string
  userType: 'Company' | 'Location'
  companyId: string
  locationId: string | null
  userId: string
  scopes: readonly string[]
}

/** The platform's reply to a request whose token is missing or invalid. */
export interface AuthFailure {
  statusCode: 401
  body: { statusCode: 401; message: string; error: 'Unauthorized' }
}

/** Checks the bearer tokens that apps send to the sandbox's API routes. */
export interface SandboxAuth {
  authenticate(
    authorization: string | undefined,
  ): { ok: true; grant: AccessGrant } | { ok: false; failure: AuthFailure }
}
