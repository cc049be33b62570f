import type {
  Company,
  Contact,
  Location,
  RegisteredApp,
  User,
} from './entities.js'

/**
 * The sandbox's records. Route modules read and change these maps; a module
 * with records of its own keeps them in its own store.
 */
export class SandboxState {
  readonly companies = new Map<string, Company>()
  readonly locations = new Map<string, Location>()
  readonly users = new Map<string, User>()
  readonly contacts = new Map<string, Contact>()
  readonly apps = new Map<string, RegisteredApp>()

  locationsOf(companyId: string): Location[] {
    return [...this.locations.values()].filter(
      (location) => location.companyId === companyId,
    )
  }

  contactsOf(locationId: string): Contact[] {
    return [...this.contacts.values()].filter(
      (contact) => contact.locationId === locationId,
    )
  }

  appByClientId(clientId: string): RegisteredApp | undefined {
    for (const app of this.apps.values()) {
      if (app.clientId === clientId) {
        return app
      }
    }
    return undefined
  }
}
