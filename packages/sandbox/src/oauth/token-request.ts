import type { FastifyRequest } from 'fastify'
import type { PlatformBehaviour } from '../platform-behaviour.js'

/** The fields of a `POST /oauth/token` request, in their form names. */
export interface TokenRequestFields {
  client_id?: string
  client_secret?: string
  grant_type?: string
  code?: string
  refresh_token?: string
  user_type?: string
  redirect_uri?: string
}

const camelCaseNames: Record<string, keyof TokenRequestFields> = {
  clientId: 'client_id',
  clientSecret: 'client_secret',
  grantType: 'grant_type',
  refreshToken: 'refresh_token',
  userType: 'user_type',
  redirectUri: 'redirect_uri',
}

/**
 * Reads the token request's fields. A form body is read as is. A JSON body
 * is read only when the settings accept JSON, with its camelCase names
 * mapped to the form names. Otherwise it yields no fields, so the request
 * fails like the platform's, with `grant_type should not be empty`.
 */
export function readTokenRequest(
  request: FastifyRequest,
  behaviour: PlatformBehaviour,
): TokenRequestFields {
  const contentType = request.headers['content-type'] ?? ''
  const body = request.body
  if (typeof body !== 'object' || body === null) {
    return {}
  }

  const isForm = contentType.startsWith('application/x-www-form-urlencoded')
  if (!isForm && behaviour.jsonTokenBody === 'reject') {
    return {}
  }

  const fields: Record<string, string> = {}
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') {
      continue
    }
    const formName = isForm ? name : (camelCaseNames[name] ?? name)
    fields[formName] = value
  }
  return fields as TokenRequestFields
}
