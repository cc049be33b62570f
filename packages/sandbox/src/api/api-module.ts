import type { SandboxModule } from '../sandbox-module.js'
import { contactRoutes } from './contact-routes.js'
import { installationRoutes } from './installation-routes.js'
import { locationRoutes } from './location-routes.js'
import { userRoutes } from './user-routes.js'

/** Serves the resource routes: contacts, locations, custom fields, users and installations. */
export const apiModule: SandboxModule = async (server, context) => {
  for (const routes of [
    contactRoutes,
    locationRoutes,
    userRoutes,
    installationRoutes,
  ]) {
    await routes(server, context)
  }
}
