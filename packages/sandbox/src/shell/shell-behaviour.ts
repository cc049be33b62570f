/**
 * The app shell's settings for framing and SSO behaviours that the
 * platform's docs leave open. Each default is the stricter reading.
 */
export interface ShellBehaviour {
  /**
   * The origin whose shell frames the custom page and the widgets. The
   * platform documents no list of framing origins, and agencies with a
   * white-label domain open the app there, so `white-label` serves the
   * shell on the agency's white-label domain, such as
   * `app.summit-agency.localhost:<port>`. `platform` serves it on
   * `app.gohighlevel.localhost:<port>`, which stands for the platform's
   * own app host. `sandbox` keeps it on the sandbox's own origin, for
   * browsers that do not resolve `*.localhost` names.
   * @default 'white-label'
   */
  framingParentOrigin: 'white-label' | 'platform' | 'sandbox'
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
  framingParentOrigin: 'white-label',
  ssoWithoutSharedSecret: 'no-reply',
  ssoLocationType: 'agency',
  ssoEmptyFields: true,
  customJsReadiness: 'after-route-loaded',
})
