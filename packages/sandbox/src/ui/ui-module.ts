import { createLocation } from '../oauth/future-locations.js'
import type { SandboxModule } from '../sandbox-module.js'
import { renderActivityPage } from './activity-page.js'
import { renderDashboard } from './dashboard-page.js'
import { sandboxStyles } from './sandbox-styles.js'
import { signedInUser } from './signed-in-user.js'

type Fields = Record<string, string | undefined>

/**
 * Serves the sandbox's own pages: the accounts and apps with install, uninstall
 * and suspend buttons and a form that adds a sub-account, and the activity log. The signed-in user is the
 * `as` parameter, and the agency admin without it.
 */
export const uiModule: SandboxModule = (server, context) => {
  server.get('/ui/sandbox.css', (_request, reply) =>
    reply.type('text/css').send(sandboxStyles),
  )

  server.get('/', (request, reply) => {
    const user = signedInUser(context.state, (request.query as Fields)['as'])
    return reply.type('text/html').send(renderDashboard(context, user))
  })

  server.get('/ui/activity', (request, reply) => {
    const user = signedInUser(context.state, (request.query as Fields)['as'])
    return reply.type('text/html').send(renderActivityPage(context, user))
  })

  server.post('/ui/uninstall', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    context.installFlow.uninstall(form['appId'] ?? '', form['resourceId'] ?? '')
    return reply.redirect(homeUrl(form), 303)
  })

  server.post('/ui/locations', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    const companyId = form['companyId'] ?? ''
    const name = form['name']?.trim() ?? ''
    if (context.state.companies.has(companyId) && name !== '') {
      createLocation(context, { companyId, name })
    }
    return reply.redirect(homeUrl(form), 303)
  })

  server.post('/ui/suspension', (request, reply) => {
    const form = (request.body ?? {}) as Fields
    context.installFlow.setSuspended(
      form['appId'] ?? '',
      form['resourceId'] ?? '',
      form['suspended'] === 'true',
    )
    return reply.redirect(homeUrl(form), 303)
  })
}

function homeUrl(form: Fields): string {
  return form['as'] ? `/?as=${encodeURIComponent(form['as'])}` : '/'
}
