import { defineApp } from '@hoopkit/core'

/**
 * The example app's declaration: what the Marketplace asks for when the app
 * is created. The sandbox registers the app from this file.
 */
export default defineApp({
  name: 'Lead Notes',
  description:
    'Keeps notes and tags on contacts up to date, scores leads in ' +
    'workflows and shows each sub-account its lead health.',
  distribution: 'both',
  redirectUri: '/oauth/callback',
  scopes: [
    'contacts.readonly',
    'contacts.write',
    'locations.readonly',
    'oauth.readonly',
    'oauth.write',
  ],
  webhook: {
    url: '/webhooks',
    events: ['INSTALL', 'UNINSTALL', 'ContactCreate', 'ContactUpdate'],
  },
})
