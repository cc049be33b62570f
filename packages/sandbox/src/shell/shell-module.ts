import type { FastifyReply, FastifyRequest } from 'fastify'
import { shellOrigin } from '../framing/framing-parent.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { SandboxModule } from '../sandbox-module.js'
import type { Location, User } from '../state/entities.js'
import { html } from '../ui/html.js'
import { navigationLinks, renderPage } from '../ui/layout.js'
import { signedInUser } from '../ui/signed-in-user.js'
import { shellModel } from './shell-model.js'
import { renderShellPage } from './shell-page.js'

type Query = Record<string, string | undefined>

const locationPath = /^\/shell\/v2\/location\/([^/?]+)/

/**
 * The app shell at `/shell/...`: HoopAI's own UI, as an installed app
 * finds it. The user is the `as` parameter, and the view is the sub-account in
 * the path, or the agency view at `/shell/agency/...`. A request on another
 * origin than `shellOrigin` of the user's company is redirected there.
 */
export const shellModule: SandboxModule = (server, context) => {
  // The link list is shared by every sandbox in the process, so it is
  // added once.
  if (!navigationLinks.some((link) => link.href === '/shell')) {
    navigationLinks.push({ href: '/shell', label: 'App shell' })
  }

  const handler = (request: FastifyRequest, reply: FastifyReply) => {
    const user = signedInUser(context.state, (request.query as Query)['as'])
    const company = context.state.companies.get(user.companyId)
    if (company === undefined) {
      return reply.code(404).send({ message: `no company ${user.companyId}` })
    }

    // The shell runs on the origin that frames apps under the
    // `framingParentOrigin` setting, which may be another loopback name
    // of this same server.
    const origin = shellOrigin(company, context.behaviour, context.baseUrl())
    if (requestOrigin(request) !== origin) {
      return reply.redirect(`${origin}${request.url}`, 302)
    }

    const path = request.url.split('?')[0] ?? '/shell'
    const requested = locationPath.exec(path)?.[1]

    if (requested === undefined && !path.startsWith('/shell/agency')) {
      return reply.redirect(homeOf(context, user), 302)
    }
    const location = requested ? context.state.locations.get(requested) : null
    if (location === undefined || !canView(user, location ?? null)) {
      return reply
        .code(403)
        .type('text/html')
        .send(forbiddenPage(user, requested))
    }

    const model = shellModel(context, { user, company, location })
    return reply
      .type('text/html')
      .send(
        renderShellPage({ model, users: [...context.state.users.values()] }),
      )
  }

  server.get('/shell', handler)
  server.get('/shell/*', handler)
}

function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`.toLowerCase()
}

function canView(user: User, location: Location | null): boolean {
  if (location === null) {
    return user.type === 'agency'
  }
  return (
    location.companyId === user.companyId &&
    (user.type === 'agency' || user.locationIds.includes(location.id))
  )
}

// Agency users start in the agency view, sub-account users in their first
// sub-account, as the platform opens them.
function homeOf(context: SandboxContext, user: User): string {
  const as = `?as=${encodeURIComponent(user.id)}`
  if (user.type === 'agency') {
    return `/shell/agency/dashboard${as}`
  }
  const first = user.locationIds.find((id) => context.state.locations.has(id))
  return first ? `/shell/v2/location/${first}/dashboard${as}` : `/${as}`
}

function forbiddenPage(user: User, locationId: string | undefined): string {
  const target = locationId ? `sub-account ${locationId}` : 'the agency view'
  return renderPage({
    title: 'No access',
    userId: user.id,
    body: html`<p>${user.name} cannot open ${target}. Switch to a user of that account from the <a href="/shell">app shell</a>.</p>`,
  })
}
