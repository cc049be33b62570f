import { TRPCClientError } from '@trpc/client'
import { isUiError } from '../sso/ui-error.js'

/** A failure as a user reads it: what happened and what to do next. */
export interface ErrorMessage {
  title: string
  detail: string
}

/**
 * Describes an error from the SSO handshake, the session exchange or a
 * procedure in words a HoopAI user understands. The technical message is
 * kept in `detail` for the app's developer.
 */
export function describeError(error: unknown): ErrorMessage {
  const detail = error instanceof Error ? error.message : String(error)

  if (isUiError(error, 'SSO_TIMEOUT')) {
    return {
      title: 'HoopAI did not say who you are',
      detail:
        'Reload the page. If this keeps happening, the app’s SSO key ' +
        `may not be set up yet. (${detail})`,
    }
  }
  if (isUiError(error, 'SSO_NOT_FRAMED')) {
    return {
      title: 'Open this page from HoopAI',
      detail: 'This page works inside HoopAI, from the app’s menu link.',
    }
  }
  if (isUiError(error, 'SSO_EXCHANGE_FAILED')) {
    return { title: 'Your sign-in could not be checked', detail }
  }
  if (error instanceof TRPCClientError) {
    return describeProcedureError(error, detail)
  }
  return { title: 'Something went wrong', detail }
}

function describeProcedureError(
  error: TRPCClientError<never>,
  detail: string,
): ErrorMessage {
  const data = error.data as
    | { code?: string; hoopkitCode?: string | null }
    | undefined
  if (data?.hoopkitCode === 'SCOPE_MISSING') {
    return {
      title: 'The app needs a permission it was not given',
      detail:
        'Ask an admin to reinstall the app from the marketplace and ' +
        `approve every permission it asks for. (${detail})`,
    }
  }

  const code = data?.code
  const titles: Record<string, string> = {
    UNAUTHORIZED: 'Your session has ended: reload the page',
    FORBIDDEN: 'You do not have access to this',
    NOT_FOUND: 'This item no longer exists',
    CONFLICT: 'Someone else saved changes first',
    TOO_MANY_REQUESTS: 'HoopAI is busy: try again in a minute',
    BAD_REQUEST: 'Some values are not valid',
  }
  return { title: titles[code ?? ''] ?? 'The request failed', detail }
}
