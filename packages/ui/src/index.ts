export type {
  GetUserContextOptions,
  UserContextReply,
} from './sso/get-user-context.js'
export {
  getUserContext,
  requestUserDataMessage,
  userDataResponseMessage,
} from './sso/get-user-context.js'
export { matchesOrigin, readFrameOrigins } from './sso/origin-pattern.js'
export type { ReadSessionDetailsOptions } from './sso/read-session-details.js'
export { readSessionDetails } from './sso/read-session-details.js'
export type { UiErrorCode } from './sso/ui-error.js'
export { isUiError, UiError } from './sso/ui-error.js'
