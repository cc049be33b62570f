import type { SandboxModule } from '../sandbox-module.js'
import { agencyRoutes } from './agency-routes.js'
import { appUninstallRoutes } from './app-uninstall-routes.js'
import { consentRoutes } from './consent-routes.js'
import { reconnectRoutes } from './reconnect-routes.js'
import { TokenIssuer } from './token-issuer.js'
import { tokenRoutes } from './token-routes.js'
import { TokenSigner } from './token-signer.js'

/**
 * Registers the platform's OAuth side: the consent page, the token endpoint, Company
 * to Location tokens, installed locations, the reconnect endpoint and the
 * app's own uninstall.
 */
export const oauthModule: SandboxModule = async (server, context) => {
  const issuer = new TokenIssuer({
    store: context.tokens,
    signer: await TokenSigner.create(),
    clock: context.clock,
    behaviour: context.behaviour,
  })
  consentRoutes(server, context)
  tokenRoutes(server, context, issuer)
  agencyRoutes(server, context, issuer)
  reconnectRoutes(server, context)
  appUninstallRoutes(server, context)

  // The consent and token routes log their own rejections with the reason.
  server.addHook('onResponse', async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (reply.statusCode >= 400 && loggedPaths.test(path)) {
      context.logger.info(
        { method: request.method, path, status: reply.statusCode },
        'oauth request rejected',
      )
    }
  })
}

const loggedPaths =
  /^\/(oauth\/(locationToken|installedLocations|reconnect)|marketplace\/app\/[^/]+\/installations)$/
