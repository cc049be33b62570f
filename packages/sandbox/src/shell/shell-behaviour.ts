/**
 * The app shell's settings for SSO behaviours that the platform's docs
 * leave open. Each default is the stricter reading.
 */
export interface ShellBehaviour {
  /**
   * The shell's reply when an app has no SSO key (Shared Secret): none at
   * all, as the platform reportedly sends, or an empty payload.
   * @default 'no-reply'
   */
  ssoWithoutSharedSecret: 'no-reply' | 'empty-payload'
  /**
   * The `type` field of a payload in a sub-account view. The docs' example
   * sends `agency` next to `activeLocation`, so apps must decide by
   * `activeLocation`.
   * @default 'agency'
   */
  ssoLocationType: 'agency' | 'location'
  /**
   * Sends `activeLocation: ""` in the agency view instead of leaving the
   * field out.
   * @default true
   */
  ssoEmptyFields: boolean
  /**
   * When `AppUtils` and `exposeSessionDetails` exist for Custom JS: only
   * from the `routeLoaded` event on, or already when the script starts.
   * @default 'after-route-loaded'
   */
  customJsReadiness: 'after-route-loaded' | 'at-start'
}

export const defaultShellBehaviour: Readonly<ShellBehaviour> = Object.freeze({
  ssoWithoutSharedSecret: 'no-reply',
  ssoLocationType: 'agency',
  ssoEmptyFields: true,
  customJsReadiness: 'after-route-loaded',
})
