/** A parsed webhook body with its event type worked out. */
export interface WebhookBody {
  /** The event type, or `''` when the body names none and none is inferred. */
  type: string
  fields: Record<string, unknown>
  /** True when `fields` differs from the received object: unwrapped or typed. */
  rewritten: boolean
  webhookId: string | undefined
  appId: string | null
  companyId: string | null
  locationId: string | null
}

/**
 * Works out the event of a parsed body. The platform sends one flat object,
 * but one of its guides reads `body.data`, so a body whose only event is
 * under `data` is unwrapped. An invoice without `type` whose status is
 * `paid` is an `InvoicePaid`, since the documented example carries no type.
 */
export function readWebhookBody(parsed: unknown): WebhookBody | undefined {
  if (!isRecord(parsed)) {
    return undefined
  }

  const fields = unwrapData(parsed)
  const type =
    typeof fields['type'] === 'string' ? fields['type'] : inferType(fields)
  const typed = type === fields['type'] ? fields : { ...fields, type }
  return {
    type,
    fields: typed,
    rewritten: typed !== parsed,
    webhookId: stringField(fields, 'webhookId') ?? undefined,
    appId: stringField(fields, 'appId'),
    companyId: stringField(fields, 'companyId'),
    locationId: locationOf(fields),
  }
}

function unwrapData(body: Record<string, unknown>): Record<string, unknown> {
  const data = body['data']
  if (typeof body['type'] === 'string' || !isRecord(data)) {
    return body
  }
  if (typeof data['type'] !== 'string') {
    return body
  }

  return {
    ...data,
    timestamp: data['timestamp'] ?? body['timestamp'],
    webhookId: data['webhookId'] ?? body['webhookId'],
  }
}

function inferType(fields: Record<string, unknown>): string {
  const looksLikeInvoice =
    typeof fields['_id'] === 'string' &&
    ('invoiceNumber' in fields || 'amountPaid' in fields)
  return looksLikeInvoice && fields['status'] === 'paid' ? 'InvoicePaid' : ''
}

function locationOf(fields: Record<string, unknown>): string | null {
  const direct = stringField(fields, 'locationId')
  if (direct !== null) {
    return direct
  }
  return fields['altType'] === 'location' ? stringField(fields, 'altId') : null
}

function stringField(
  fields: Record<string, unknown>,
  name: string,
): string | null {
  const value = fields[name]
  return typeof value === 'string' && value !== '' ? value : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
