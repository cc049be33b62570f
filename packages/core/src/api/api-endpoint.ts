import type { z } from 'zod'
import type { UserType } from '../db/install-tables.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** The `Version` header value that most endpoint families pin. */
export const apiVersion20210728 = '2021-07-28'

/**
 * A value the client fills in itself, and where the platform expects it:
 * the tenant id of the scope, or the app id. An endpoint lists only the
 * places its OpenAPI file gives, since the platform replies 422 to a
 * `locationId` it does not expect.
 */
export interface InjectedParam {
  in: 'path' | 'query' | 'body'
  name: string
  from: 'resourceId' | 'companyId' | 'appId'
}

/** One platform endpoint, as the OpenAPI files describe it. */
export interface Endpoint<
  TQuery = unknown,
  TBody = unknown,
  TResponse = unknown,
> {
  /** A stable name for logs and errors, such as `contacts.get`. */
  id: string
  method: HttpMethod
  /** The path with `{name}` placeholders, as the OpenAPI file spells it. */
  path: string
  /** The pinned `Version` header, or `null` where the spec lists none. */
  version: string | null
  /** The token kinds the endpoint accepts. */
  tokenKinds: readonly UserType[]
  /** The scope the token needs, or `null` where the spec lists none. */
  scope: string | null
  inject: readonly InjectedParam[]
  /** Strict schema of the caller's query parameters. */
  query?: z.ZodType<TQuery>
  /** Strict schema of the caller's JSON body. */
  body?: z.ZodType<TBody>
  /** Lenient schema of the response body. */
  response: z.ZodType<TResponse>
  /** The record family; a write clears cached reads of the same family. */
  family: string
}

export function defineEndpoint<TQuery, TBody, TResponse>(
  endpoint: Endpoint<TQuery, TBody, TResponse>,
): Endpoint<TQuery, TBody, TResponse> {
  return Object.freeze(endpoint)
}

/** The inputs of one call, besides the endpoint. */
export interface EndpointInput<TQuery, TBody> {
  /** Values for the path placeholders that the client does not fill. */
  params?: Record<string, string>
  query?: TQuery
  body?: TBody
}
