import { z } from 'zod'

/** An app's actions and triggers, as its Marketplace entries list them. */
export const workflowAppSchema = z.object({
  actions: z
    .array(
      z.looseObject({
        key: z.string().min(1),
        name: z.string().min(1),
        executionUrl: z.url(),
        pauseExecution: z.boolean().default(false),
        fields: z
          .array(
            z.looseObject({
              reference: z.string().min(1),
              title: z.string(),
              type: z.string(),
              required: z.boolean().default(false),
            }),
          )
          .default([]),
        branches: z.array(z.object({ name: z.string().min(1) })).default([]),
      }),
    )
    .default([]),
  triggers: z
    .array(
      z.looseObject({
        key: z.string().min(1),
        name: z.string().min(1),
        subscriptionUrl: z.url(),
      }),
    )
    .default([]),
  /** The values of the static headers, such as the action secret. */
  headers: z.record(z.string(), z.string()).default({}),
})

export type WorkflowApp = z.output<typeof workflowAppSchema>
export type WorkflowAppAction = WorkflowApp['actions'][number]

const filterSchema = z.looseObject({
  field: z.string().min(1),
  operator: z.string().default('=='),
  value: z.unknown(),
  title: z.string().optional(),
  type: z.string().optional(),
})

interface StepInput {
  appId: string
  actionKey: string
  fields?: Record<string, unknown>
  branches?: { name: string; steps?: StepInput[] }[]
}

const stepSchema: z.ZodType<StepInput> = z.lazy(() =>
  z.object({
    appId: z.string().min(1),
    actionKey: z.string().min(1),
    fields: z.record(z.string(), z.unknown()).optional(),
    branches: z
      .array(
        z.object({
          name: z.string().min(1),
          steps: z.array(stepSchema).optional(),
        }),
      )
      .optional(),
  }),
)

/** The input that a workflow builder saves: a trigger, then action steps. */
export const workflowInputSchema = z.object({
  name: z.string().min(1),
  locationId: z.string().min(1),
  trigger: z
    .object({
      appId: z.string().min(1),
      key: z.string().min(1),
      filters: z.array(filterSchema).default([]),
    })
    .nullish(),
  steps: z.array(stepSchema).default([]),
})

export type WorkflowInput = z.output<typeof workflowInputSchema>

/** One action step. A step with branches ends its list of steps. */
export interface WorkflowStep {
  id: string
  appId: string
  actionKey: string
  fields: Record<string, unknown>
  branches: { id: string; name: string; steps: WorkflowStep[] }[]
}

/** One HTTP call that the sandbox made to an app. */
export interface CallRecord {
  at: string
  url: string
  /** Header names with masked values. */
  headers: Record<string, string>
  body: unknown
  response: { status: number; body: unknown } | null
  error: string | null
}

export interface Workflow {
  id: string
  name: string
  locationId: string
  trigger: {
    /** The trigger's id in this workflow, sent as `triggerData.id`. */
    id: string
    appId: string
    key: string
    filters: z.output<typeof filterSchema>[]
  } | null
  steps: WorkflowStep[]
  /** The subscription calls sent to the trigger's app. */
  subscriptionCalls: CallRecord[]
}

export interface StepRecord {
  stepId: string
  appId: string
  actionKey: string
  outcome: 'succeeded' | 'failed' | 'skipped' | 'waiting' | 'resumed'
  calls: CallRecord[]
  /** The reply body, which becomes the step's custom variables. */
  customVariables: Record<string, unknown> | null
  branch: { id: string; name: string } | null
  error: string | null
}

export interface WorkflowRun {
  id: string
  workflowId: string
  locationId: string
  contactId: string | null
  status: 'running' | 'paused' | 'completed' | 'failed'
  triggerPayload: unknown
  steps: StepRecord[]
  startedAt: string
  endedAt: string | null
}
