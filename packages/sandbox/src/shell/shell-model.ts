import { sandboxMenus } from '../menus/sandbox-menus.js'
import type { SandboxContext } from '../sandbox-context.js'
import type { RegisteredApp } from '../state/entities.js'
import { encryptedSsoPayload, type ShellViewer } from './shell-sso.js'

/** A link of the shell's left navigation that opens an app's page. */
export interface ShellLink {
  id: string
  appId: string
  title: string
  /** The page URL with the menu link's template variables filled in. */
  url: string
  openMode: 'iframe' | 'new_tab' | 'current_tab'
}

/** Everything the shell's browser script renders, as JSON in the page. */
export interface ShellModel {
  user: {
    id: string
    name: string
    firstName: string
    lastName: string
    email: string
    type: string
    role: string
  }
  company: { id: string; name: string }
  location: {
    id: string
    name: string
    address: { address: string; city: string; country: string }
  } | null
  /** The sub-accounts the user may switch to. */
  locations: { id: string; name: string }[]
  links: ShellLink[]
  /** Installed apps: their Custom JS and the SSO payload for this view. */
  apps: {
    appId: string
    customJsUrl: string | null
    ssoPayload: string | null
  }[]
  /** When the Custom JS environment appears; see `ShellBehaviour`. */
  customJsReadiness: 'after-route-loaded' | 'at-start'
  contacts: {
    id: string
    name: string
    email: string | null
    phone: string | null
    tags: string[]
  }[]
}

/** Builds the shell's model for one user in one view. */
export function shellModel(
  context: SandboxContext,
  viewer: ShellViewer,
): ShellModel {
  const { user, company, location } = viewer
  const apps = installedApps(context, viewer)
  const appIds = new Set(apps.map((app) => app.appId))

  return {
    user: {
      id: user.id,
      name: user.name,
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
      type: user.type,
      role: user.role,
    },
    company: { id: company.id, name: company.name },
    location: location && {
      id: location.id,
      name: location.name,
      address: {
        address: location.address,
        city: location.city,
        country: location.country,
      },
    },
    locations: visibleLocations(context, viewer),
    links: menuLinks(context, viewer).filter((link) => appIds.has(link.appId)),
    apps: apps.map((app) => ({
      appId: app.appId,
      customJsUrl: app.customJsUrl ?? null,
      ssoPayload: encryptedSsoPayload(
        viewer,
        app,
        context.behaviour,
        context.baseUrl(),
      ),
    })),
    customJsReadiness: context.behaviour.customJsReadiness,
    contacts: location
      ? context.state.contactsOf(location.id).map((contact) => ({
          id: contact.id,
          name:
            contact.contactName ??
            [contact.firstName, contact.lastName].filter(Boolean).join(' '),
          email: contact.email,
          phone: contact.phone,
          tags: contact.tags,
        }))
      : [],
  }
}

function installedApps(
  context: SandboxContext,
  viewer: ShellViewer,
): RegisteredApp[] {
  return [...context.state.apps.values()].filter((app) => {
    const companyInstall = context.installs.find(app.appId, viewer.company.id)
    if (viewer.location === null) {
      return companyInstall !== undefined
    }
    const own = context.installs.find(app.appId, viewer.location.id)
    return own !== undefined
  })
}

function visibleLocations(context: SandboxContext, viewer: ShellViewer) {
  const all = context.state.locationsOf(viewer.company.id)
  const allowed =
    viewer.user.type === 'agency'
      ? all
      : all.filter((location) => viewer.user.locationIds.includes(location.id))
  return allowed.map((location) => ({ id: location.id, name: location.name }))
}

function menuLinks(context: SandboxContext, viewer: ShellViewer): ShellLink[] {
  const records = sandboxMenus(context).navigationLinks({
    companyId: viewer.company.id,
    locationId: viewer.location?.id ?? null,
    role: viewer.user.role,
  })
  return records.map((record) => ({
    id: record.id,
    appId: record.appId,
    title: record.title,
    url: fillTemplate(record.url, viewer),
    openMode: record.openMode,
  }))
}

/**
 * Fills the `{{location.id}}`-style variables of a menu link URL,
 * URL-encoded, and with "" where the view has no value.
 */
export function fillTemplate(url: string, viewer: ShellViewer): string {
  const values: Record<string, string> = {
    'location.id': viewer.location?.id ?? '',
    'location.name': viewer.location?.name ?? '',
    'company.id': viewer.company.id,
    'company.name': viewer.company.name,
    'user.id': viewer.user.id,
    'user.email': viewer.user.email,
  }
  return url.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  )
}
