import { existsSync, readdirSync, readFileSync } from 'node:fs'
import type { PlatformBehaviour } from '../platform-behaviour.js'
import type { RegisteredApp } from '../state/entities.js'

const fixturesFolder = new URL('../../fixtures/', import.meta.url)

/** The event types that have a fixture file, sorted. */
export function fixtureTypes(): string[] {
  return readdirSync(fixturesFolder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort()
}

export interface FixtureRequest {
  type: string
  app: RegisteredApp
  /** A body to send instead of the fixture file, such as `--file` content. */
  body?: Record<string, unknown>
  locationId?: string
  companyId?: string
  behaviour: PlatformBehaviour
}

/**
 * Builds an event body from `fixtures/<type>.json` or a given body: fills
 * the `{{appId}}` and `{{versionId}}` placeholders, sets the requested
 * location and company, and applies the behaviour settings for event types.
 * Returns `undefined` when no fixture exists for the type.
 */
export function fixtureBody(
  request: FixtureRequest,
): Record<string, unknown> | undefined {
  const raw = request.body ?? readFixture(request.type)
  if (raw === undefined) {
    return undefined
  }

  const body = fill(raw, request.app) as Record<string, unknown>
  setResource(body, request)
  return applyBehaviour(body, request)
}

function readFixture(type: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z_]+$/.test(type)) {
    return undefined
  }
  const file = new URL(`${type}.json`, fixturesFolder)
  if (!existsSync(file)) {
    return undefined
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
}

function fill(value: unknown, app: RegisteredApp): unknown {
  if (typeof value === 'string') {
    return value
      .replaceAll('{{appId}}', app.appId)
      .replaceAll('{{versionId}}', app.versionId)
  }
  if (Array.isArray(value)) {
    return value.map((item) => fill(item, app))
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fill(item, app)]),
    )
  }
  return value
}

function setResource(body: Record<string, unknown>, request: FixtureRequest) {
  if (request.locationId !== undefined) {
    if (body['altType'] === 'location') {
      body['altId'] = request.locationId
    }
    if (body['altType'] !== 'location' || 'locationId' in body) {
      body['locationId'] = request.locationId
    }
  }
  if (request.companyId !== undefined) {
    body['companyId'] = request.companyId
  }
}

function applyBehaviour(
  body: Record<string, unknown>,
  request: FixtureRequest,
): Record<string, unknown> {
  const { behaviour } = request
  const appointmentChange =
    request.type === 'AppointmentUpdate' || request.type === 'AppointmentDelete'
  if (
    appointmentChange &&
    behaviour.appointmentEventTypes === 'create-for-all'
  ) {
    return { ...body, type: 'AppointmentCreate' }
  }
  if (
    request.type === 'InvoicePaid' &&
    behaviour.invoicePaidType === 'present'
  ) {
    return { type: 'InvoicePaid', locationId: body['altId'], ...body }
  }
  return body
}
