export type { ReportFrameHeightOptions } from './frame/frame-height.js'
export { frameHeightMessage, reportFrameHeight } from './frame/frame-height.js'
export type { ErrorMessage } from './react/error-message.js'
export { describeError } from './react/error-message.js'
export type { HoopkitProviderProps } from './react/hoopkit-provider.js'
export { HoopkitProvider } from './react/hoopkit-provider.js'
export type {
  SessionProviderProps,
  SessionState,
} from './react/session-provider.js'
export {
  SessionProvider,
  useApiClient,
  useSession,
  useSessionClient,
} from './react/session-provider.js'
export {
  EmptyState,
  ErrorNotice,
  Loading,
  SessionGate,
} from './react/status-views.js'
export type { RouterInputs, RouterOutputs } from './react/trpc-context.js'
export { TRPCProvider, useTRPC, useTRPCClient } from './react/trpc-context.js'
export type { CallState } from './react/use-call.js'
export { useCall } from './react/use-call.js'
export type { ApiClient } from './session/api-client.js'
export { createApiClient } from './session/api-client.js'
export type {
  SessionClientOptions,
  SessionContext,
} from './session/session-client.js'
export { SessionClient } from './session/session-client.js'
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
