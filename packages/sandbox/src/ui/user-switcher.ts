import type { User } from '../state/entities.js'
import { html, SafeHtml } from './html.js'

export interface UserSwitcherOptions {
  users: User[]
  current: User
  /** The current path and query, where each link sets the `as` parameter. */
  path: string
}

/** Renders links that sign in as another seed user by setting the `as` parameter. */
export function userSwitcher(options: UserSwitcherOptions): SafeHtml {
  const links = options.users.map((user) => {
    const url = new URL(options.path, 'http://sandbox.invalid')
    url.searchParams.set('as', user.id)
    const role = user.type === 'agency' ? 'agency' : 'sub-account'
    const label = `${user.name} (${role} ${user.role})`
    const current = user.id === options.current.id ? ' class="current"' : ''
    return html`<a href="${url.pathname}${url.search}"${new SafeHtml(current)}>${label}</a>`
  })
  return html`<p class="users">Signed in as: ${links}</p>`
}
