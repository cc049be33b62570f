import type { SandboxContext } from '../sandbox-context.js'
import { sandboxWorkflows } from './sandbox-workflows.js'
import { type WorkflowApp, workflowAppSchema } from './workflow-records.js'

export interface LoadWorkflowAppOptions {
  appId: string
  /**
   * The URL of the app's list of actions and triggers, as
   * `workflowMarketplaceJson` builds it. It must be on the origin of the app's webhook URL.
   * @default '<webhook origin>/workflows/marketplace.json'
   */
  url?: string
  /** The values of the static headers, such as the action secret. */
  headers: Record<string, string>
}

export type LoadResult =
  | { ok: true; app: WorkflowApp }
  | { ok: false; message: string }

/** Returns the default URL of a registered app's Marketplace list. */
export function defaultListUrl(context: SandboxContext, appId: string) {
  const app = context.state.apps.get(appId)
  return app
    ? new URL('/workflows/marketplace.json', app.webhookUrl).toString()
    : undefined
}

/**
 * Fetches a registered app's actions and triggers from the app itself and
 * stores them with the header values, as a developer would copy them into
 * the Marketplace. Only the app's own origin is fetched.
 */
export async function loadWorkflowApp(
  context: SandboxContext,
  options: LoadWorkflowAppOptions,
): Promise<LoadResult> {
  const registered = context.state.apps.get(options.appId)
  const url = options.url ?? defaultListUrl(context, options.appId)
  if (!registered || !url) {
    return {
      ok: false,
      message: `app ${options.appId} is not registered: register it first`,
    }
  }
  const origin = new URL(registered.webhookUrl).origin
  if (new URL(url).origin !== origin) {
    return {
      ok: false,
      message: `expected a URL on the app's origin ${origin}, got ${url}`,
    }
  }

  let body: unknown
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) {
      return {
        ok: false,
        message: `GET ${url} returned ${response.status}: is the backend running with HOOPKIT_ACTION_SECRET set?`,
      }
    }
    body = await response.json()
  } catch (error) {
    return {
      ok: false,
      message: `GET ${url} failed: ${(error as Error).message}`,
    }
  }

  const parsed = workflowAppSchema.safeParse({
    ...(body as object),
    headers: options.headers,
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      ok: false,
      message: `${url}: invalid Marketplace list at ${issue?.path.join('.')}: ${issue?.message}`,
    }
  }
  sandboxWorkflows(context).apps.set(options.appId, parsed.data)
  return { ok: true, app: parsed.data }
}
