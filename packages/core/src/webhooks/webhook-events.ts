import { z } from 'zod'

const optionalString = z.string().nullish()

const trialSchema = z.looseObject({
  onTrial: z.boolean().optional(),
  trialDuration: z.number().optional(),
  trialStartDate: optionalString,
})

const installFields = {
  appId: z.string(),
  versionId: optionalString,
  /** `Location` or `Company`; the platform does not document the values. */
  installType: optionalString,
  locationId: optionalString,
  /** Sent instead of one event per location by some bulk installs. */
  locationIds: z.array(z.string()).optional(),
  companyId: optionalString,
  userId: optionalString,
  planId: optionalString,
  trial: trialSchema.optional(),
  isWhitelabelCompany: z.boolean().optional(),
  whitelabelDetails: z
    .looseObject({ domain: optionalString, logoUrl: optionalString })
    .optional(),
  companyName: optionalString,
}

const contactFields = {
  id: optionalString,
  locationId: z.string(),
  firstName: optionalString,
  lastName: optionalString,
  name: optionalString,
  email: optionalString,
  phone: optionalString,
  companyName: optionalString,
  source: optionalString,
  dateAdded: optionalString,
  dnd: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  assignedTo: optionalString,
  customFields: z
    .array(z.looseObject({ id: z.string(), value: z.unknown() }))
    .optional(),
}

const opportunityFields = {
  id: z.string(),
  locationId: z.string(),
  name: optionalString,
  contactId: optionalString,
  pipelineId: optionalString,
  pipelineStageId: optionalString,
  status: optionalString,
  monetaryValue: z.number().nullish(),
  assignedTo: optionalString,
  source: optionalString,
}

const appointmentFields = {
  locationId: z.string(),
  appointment: z.looseObject({
    id: z.string(),
    calendarId: optionalString,
    contactId: optionalString,
    title: optionalString,
    appointmentStatus: optionalString,
    startTime: optionalString,
    endTime: optionalString,
  }),
}

const invoiceFields = {
  _id: z.string(),
  altId: optionalString,
  altType: optionalString,
  status: optionalString,
  invoiceNumber: z.union([z.string(), z.number()]).nullish(),
  currency: optionalString,
  total: z.number().nullish(),
  amountPaid: z.number().nullish(),
  amountDue: z.number().nullish(),
  liveMode: z.boolean().optional(),
}

const taskFields = {
  id: z.string(),
  locationId: z.string(),
  title: optionalString,
  body: optionalString,
  contactId: optionalString,
  assignedTo: optionalString,
  dueDate: optionalString,
  completed: z.boolean().optional(),
}

function event<const TType extends string, TShape extends z.ZodRawShape>(
  type: TType,
  shape: TShape,
) {
  return z.looseObject({
    type: z.literal(type),
    timestamp: optionalString,
    webhookId: optionalString,
    ...shape,
  })
}

/** Zod schemas of the events hoopkit types, by their `type` value. */
export const webhookEventSchemas = {
  INSTALL: event('INSTALL', installFields),
  UNINSTALL: event('UNINSTALL', {
    appId: z.string(),
    locationId: optionalString,
    companyId: optionalString,
  }),
  UPDATE: event('UPDATE', {
    ...installFields,
    previousVersionId: optionalString,
  }),
  PLAN_CHANGE: event('PLAN_CHANGE', {
    appId: z.string(),
    locationId: optionalString,
    companyId: optionalString,
    userId: optionalString,
    currentPlanId: optionalString,
    newPlanId: optionalString,
  }),
  EXTERNAL_AUTH_CONNECTED: event('EXTERNAL_AUTH_CONNECTED', {
    appId: z.string(),
    locationId: optionalString,
    companyId: optionalString,
    authType: z.enum(['oauth2', 'basic']),
    scopes: z.array(z.string()).optional(),
    isAutoRefreshTokenEnabled: z.boolean().optional(),
  }),
  ContactCreate: event('ContactCreate', contactFields),
  ContactUpdate: event('ContactUpdate', contactFields),
  ContactDelete: event('ContactDelete', contactFields),
  ContactDndUpdate: event('ContactDndUpdate', contactFields),
  ContactTagUpdate: event('ContactTagUpdate', contactFields),
  OpportunityCreate: event('OpportunityCreate', opportunityFields),
  OpportunityUpdate: event('OpportunityUpdate', opportunityFields),
  OpportunityDelete: event('OpportunityDelete', opportunityFields),
  OpportunityStageUpdate: event('OpportunityStageUpdate', opportunityFields),
  OpportunityStatusUpdate: event('OpportunityStatusUpdate', opportunityFields),
  OpportunityMonetaryValueUpdate: event(
    'OpportunityMonetaryValueUpdate',
    opportunityFields,
  ),
  OpportunityAssignedToUpdate: event(
    'OpportunityAssignedToUpdate',
    opportunityFields,
  ),
  AppointmentCreate: event('AppointmentCreate', appointmentFields),
  AppointmentUpdate: event('AppointmentUpdate', appointmentFields),
  AppointmentDelete: event('AppointmentDelete', appointmentFields),
  InvoiceCreate: event('InvoiceCreate', invoiceFields),
  InvoiceUpdate: event('InvoiceUpdate', invoiceFields),
  InvoiceSent: event('InvoiceSent', invoiceFields),
  InvoicePaid: event('InvoicePaid', invoiceFields),
  InvoicePartiallyPaid: event('InvoicePartiallyPaid', invoiceFields),
  InvoiceVoid: event('InvoiceVoid', invoiceFields),
  InvoiceDelete: event('InvoiceDelete', invoiceFields),
  TaskCreate: event('TaskCreate', taskFields),
  TaskComplete: event('TaskComplete', taskFields),
  TaskDelete: event('TaskDelete', taskFields),
} as const

export type WebhookEventType = keyof typeof webhookEventSchemas

/** The typed payload of each known event type. */
export type WebhookEventMap = {
  [TType in WebhookEventType]: z.output<(typeof webhookEventSchemas)[TType]>
}

export type WebhookEvent = WebhookEventMap[WebhookEventType]

export function isKnownEventType(type: string): type is WebhookEventType {
  return Object.hasOwn(webhookEventSchemas, type)
}
