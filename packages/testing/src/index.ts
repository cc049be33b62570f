export type { BillingRedirectSteps } from './billing-redirect.js'
export { readBillingRedirect } from './billing-redirect.js'
export { busiestWindow } from './busiest-window.js'
export type { TestBrowser } from './chromium.js'
export {
  chromiumSkipReason,
  launchChromium,
  localOnlyResolverRules,
  screenshotOnFailure,
} from './chromium.js'
export { errorResult, okResult } from './result-narrowing.js'
export { ssoVectors } from './sso-vectors.js'
export { tempPostgresUrl, tempSqliteUrl } from './temp-database.js'
export { testEnv } from './test-env.js'
