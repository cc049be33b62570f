import { defineApp } from '@hoopkit/core'

/**
 * The example app's declaration: the fields that the Marketplace requests when the app
 * is created. The sandbox registers the app from this file.
 */
export default defineApp({
  name: 'Lead Notes',
  description:
    'Keeps notes and tags on contacts up to date, scores leads in ' +
    'workflows and shows each sub-account its lead health.',
  distribution: 'both',
  // Created before 2026-06-17, so the sandbox offers it external billing,
  // which the platform reportedly stopped offering to later apps.
  createdAt: '2026-03-02',
  redirectUri: '/oauth/callback',
  scopes: [
    'charges.readonly',
    'charges.write',
    'contacts.readonly',
    'contacts.write',
    'custom-menu-link.readonly',
    'custom-menu-link.write',
    'locations.readonly',
    'marketplace-installer-details.readonly',
    'oauth.readonly',
    'oauth.write',
    'workflows.readonly',
  ],
  menuLinks: [
    {
      key: 'lead-health',
      title: 'Lead health',
      url: '/pages/?locationId={{location.id}}&companyId={{company.id}}',
      icon: { name: 'heart-pulse', fontFamily: 'fas' },
      openMode: 'iframe',
      userRole: 'all',
    },
  ],
  billing: {
    url: '/billing',
    plans: [
      { planId: 'basic', name: 'Basic', baseAmount: 0 },
      {
        planId: 'pro',
        name: 'Pro',
        baseAmount: 49,
        features: ['lead scoring'],
      },
    ],
    meters: [
      { meterId: 'score_lead', name: 'Premium lead score', pricePerUnit: 0.05 },
    ],
  },
  customJs: '/widgets/loader.js',
  webhook: {
    url: '/webhooks',
    events: ['INSTALL', 'UNINSTALL', 'ContactCreate', 'ContactUpdate'],
  },
  workflows: {
    prefix: '/workflows',
    actions: [
      { key: 'add_note_and_tags', name: 'Add note and tags' },
      { key: 'score_lead', name: 'Score lead' },
      { key: 'find_contact_by_email', name: 'Find contact by email' },
      { key: 'premium_score_lead', name: 'Score lead (premium)' },
    ],
    triggers: [
      { key: 'lead_scored_hot', name: 'Lead scored hot' },
      { key: 'contact_created_with_tag', name: 'Contact created with a tag' },
    ],
  },
})
