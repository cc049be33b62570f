import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AppDeclaration, appDeclarationSchema } from '@hoopkit/core'
import type { z } from 'zod'

export type DeclarationLoad =
  | { ok: true; declaration: AppDeclaration }
  | { ok: false; problems: string[] }

/**
 * Imports `hoopkit.app.ts` from the app folder and validates its default
 * export. A declaration that `defineApp` rejects while the file loads is
 * reported issue by issue, like one that fails validation here.
 */
export async function loadDeclaration(
  appDir: string,
): Promise<DeclarationLoad> {
  const file = join(appDir, 'hoopkit.app.ts')
  if (!existsSync(file)) {
    return {
      ok: false,
      problems: [
        `${file} is missing: create it with defineApp() from @hoopkit/core`,
      ],
    }
  }

  let exported: unknown
  try {
    const module = (await import(pathToFileURL(file).href)) as {
      default?: unknown
    }
    exported = module.default
  } catch (error) {
    if (isZodError(error)) {
      return { ok: false, problems: zodProblems(error.issues) }
    }
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, problems: [`${file} failed to load: ${message}`] }
  }

  const parsed = appDeclarationSchema.safeParse(exported, { reportInput: true })
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error.issues) }
  }
  return { ok: true, declaration: parsed.data }
}

/** Recognises zod's error by shape, since the app may load its own zod copy. */
function isZodError(error: unknown): error is { issues: z.core.$ZodIssue[] } {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  )
}

function zodProblems(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(declaration)'
    const value =
      issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`
    const expected =
      issue.path[0] === 'scopes' && issue.path.length === 2
        ? 'expected a scope such as contacts.readonly or locations/tags.write'
        : issue.message
    return `declaration ${path} is invalid: ${expected}${value}`
  })
}
