export type {
  GetUserContextOptions,
  UserContextReply,
} from './get-user-context.js'
export {
  getUserContext,
  requestUserDataMessage,
  userDataResponseMessage,
} from './get-user-context.js'
export { matchesOrigin, readFrameOrigins } from './origin-pattern.js'
export type { ReadSessionDetailsOptions } from './read-session-details.js'
export { readSessionDetails } from './read-session-details.js'
export type { UiErrorCode } from './ui-error.js'
export { isUiError, UiError } from './ui-error.js'
