import type { z } from 'zod'
import { HoopkitError } from '../errors/hoopkit-error.js'
import type { Endpoint, EndpointInput, InjectedParam } from './api-endpoint.js'

/** The ids that the client fills in for one scope. */
export interface ScopeIds {
  appId: string
  resourceId: string
  companyId?: string
}

/** A request ready for `fetch`, less its headers. */
export interface BuiltRequest {
  url: URL
  /** The path with its placeholders filled, for logs and errors. */
  path: string
  body: string | undefined
}

/**
 * Validates the caller's query and body against the endpoint's strict
 * schemas and adds the ids the endpoint takes, in the place it takes them.
 */
export function buildRequest<TQuery, TBody>(
  baseUrl: string,
  endpoint: Endpoint<TQuery, TBody, unknown>,
  input: EndpointInput<TQuery, TBody>,
  ids: ScopeIds,
): BuiltRequest {
  const params: Record<string, string> = { ...input.params }
  const query = toRecord(
    validate(endpoint, 'query', endpoint.query, input.query),
  )
  const body = toRecord(validate(endpoint, 'body', endpoint.body, input.body))

  for (const param of endpoint.inject) {
    const value = injectedValue(endpoint, param, ids)
    const target = { path: params, query, body }[param.in]
    target[param.name] = value
  }

  const path = fillPath(endpoint, params)
  const url = new URL(path.replace(/^\//, ''), withSlash(baseUrl))
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(name, String(value))
    }
  }

  const hasBody =
    endpoint.body !== undefined || endpoint.inject.some((p) => p.in === 'body')
  return { url, path, body: hasBody ? JSON.stringify(body) : undefined }
}

function validate<T>(
  endpoint: Endpoint,
  part: 'query' | 'body',
  schema: z.ZodType<T> | undefined,
  value: T | undefined,
): T | undefined {
  if (schema === undefined) {
    if (value !== undefined) {
      throw invalidInput(endpoint, part, `${endpoint.id} takes no ${part}`)
    }
    return undefined
  }

  const result = schema.safeParse(value ?? {})
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || part}: ${issue.message}`,
    )
    throw invalidInput(endpoint, part, issues.join('; '), issues)
  }
  return result.data
}

function invalidInput(
  endpoint: Endpoint,
  part: string,
  message: string,
  issues?: string[],
): HoopkitError {
  return new HoopkitError(
    'API_VALIDATION_FAILED',
    `${endpoint.id}: invalid ${part}: ${message}: fix the call's arguments`,
    { details: { endpoint: endpoint.id, issues: issues ?? [message] } },
  )
}

function toRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object'
    ? { ...(value as Record<string, unknown>) }
    : {}
}

function injectedValue(
  endpoint: Endpoint,
  param: InjectedParam,
  ids: ScopeIds,
): string {
  const value = ids[param.from]
  if (!value) {
    throw new HoopkitError(
      'CONFIG_INVALID',
      `${endpoint.id}: expected a ${param.from} for ${param.name}, got none: ` +
        'pass companyId when you open the location scope',
      { details: { endpoint: endpoint.id } },
    )
  }
  return value
}

function fillPath(endpoint: Endpoint, params: Record<string, string>): string {
  return endpoint.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name]
    if (!value) {
      throw new HoopkitError(
        'API_VALIDATION_FAILED',
        `${endpoint.id}: expected a value for {${name}} in ${endpoint.path}, ` +
          'got none',
        { details: { endpoint: endpoint.id } },
      )
    }
    return encodeURIComponent(value)
  })
}

function withSlash(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
}
