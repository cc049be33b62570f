import type { SubscriptionPlan } from '../billing/billing-records.js'
import type { Location, RegisteredApp, User } from '../state/entities.js'
import { html, SafeHtml } from './html.js'
import { renderPage } from './layout.js'
import { userSwitcher } from './user-switcher.js'

export interface ConsentPageOptions {
  app: RegisteredApp
  user: User
  users: User[]
  scopes: string[]
  /** The sub-accounts that the signed-in user may choose. */
  locations: Location[]
  /** The authorize request's parameters, sent back with the form. */
  parameters: Record<string, string>
  /** The page's own path and query, for the user switcher links. */
  path: string
  /** The app's plans, one of which the installer picks. */
  plans: SubscriptionPlan[]
  /**
   * The agency or sub-account id to check first, from the sandbox-only
   * `preselect` parameter that the sandbox UI's Install buttons add.
   */
  preselected: string | null
}

/** Renders the consent screen: the app, its scopes and where to install. */
export function renderConsentPage(options: ConsentPageOptions): string {
  const { app, user } = options
  const hidden = Object.entries(options.parameters).map(
    ([name, value]) =>
      html`<input type="hidden" name="${name}" value="${value}">`,
  )
  const scopes = options.scopes.map(
    (scope) => html`<li><code>${scope}</code></li>`,
  )
  const body = html`
<section>
${userSwitcher({ users: options.users, current: user, path: options.path })}
</section>
<section>
<h2>${app.name} requests access</h2>
<p>${app.description}</p>
<p class="muted">It will be able to use:</p>
<ul class="scopes">${scopes}</ul>
</section>
<form method="post" class="card">
${hidden}
<input type="hidden" name="user_id" value="${user.id}">
${user.type === 'agency' ? agencyChoices(options) : accountChoices(options)}
${planChoices(options.plans)}
<p><button type="submit">Allow and install</button></p>
</form>`
  return renderPage({ title: `Install ${app.name}`, body, userId: user.id })
}

function agencyChoices(options: ConsentPageOptions): SafeHtml {
  const { distribution } = options.app
  const agencyFirst =
    distribution === 'agency' || options.preselected === options.user.companyId
  const agency =
    distribution === 'sub-account'
      ? ''
      : html`<label><input type="radio" name="target" value="agency"${checked(agencyFirst)}> The agency</label>`
  if (distribution === 'agency') {
    return html`<h2>Install on</h2>${agency}`
  }

  const boxes = options.locations.map(
    (location) =>
      html`<label class="indent"><input type="checkbox" name="location_id" value="${location.id}"${checked(location.id === options.preselected)}> ${location.name} <code>${location.id}</code></label>`,
  )
  return html`<h2>Install on</h2>${agency}
<label><input type="radio" name="target" value="locations"${checked(!agencyFirst)}> Sub-accounts:</label>
${boxes}
<label><input type="checkbox" name="install_to_future_locations" value="true">
Also install on sub-accounts created later</label>`
}

function accountChoices(options: ConsentPageOptions): SafeHtml {
  const known = options.locations.some((l) => l.id === options.preselected)
  const choices = options.locations.map(
    (location, index) =>
      html`<label><input type="radio" name="location_id" value="${location.id}"${checked(
        known ? location.id === options.preselected : index === 0,
      )}> ${location.name} <code>${location.id}</code></label>`,
  )
  return html`<h2>Install on</h2>
<input type="hidden" name="target" value="locations">
${choices}`
}

/** Renders the plan picker of a paid app, its first plan checked. */
function planChoices(plans: SubscriptionPlan[]): SafeHtml | string {
  if (plans.length === 0) {
    return ''
  }
  const choices = plans.map(
    (plan, index) =>
      html`<label><input type="radio" name="plan_id" value="${plan.planId}"${checked(index === 0)}> ${plan.name}, $${plan.resellingAmount.toFixed(2)} a ${plan.paymentType === 'one_time' ? 'purchase' : plan.paymentType}</label>`,
  )
  return html`<h2>Plan</h2>
${choices}`
}

function checked(on: boolean): SafeHtml {
  return new SafeHtml(on ? ' checked' : '')
}

/** Renders the page that the marketplace shows for an invalid request. */
export function renderConsentError(reason: string): string {
  const body = html`<section class="error">
<h2>This app cannot be installed</h2>
<p>${reason}</p>
</section>`
  return renderPage({ title: 'Authorization failed', body })
}
