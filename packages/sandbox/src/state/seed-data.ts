import type { Company, Contact, Location, User } from './entities.js'
import type { SandboxState } from './sandbox-state.js'

/** Fixed ids of the seed records, so tests and guides can name them. */
export const seedIds = {
  company: 'SbxAgencySummit00001',
  harbor: 'SbxLocHarborDental01',
  peak: 'SbxLocPeakFitness001',
  agencyAdmin: 'SbxUserAgencyAdmin01',
  harborUser: 'SbxUserHarborStaff01',
  peakUser: 'SbxUserPeakStaff0001',
} as const

const seedTime = '2026-01-05T09:00:00.000Z'

export function seedState(state: SandboxState): void {
  addCompany(state)
  addLocations(state)
  addUsers(state)
  addContacts(state)
}

function addCompany(state: SandboxState): void {
  const company: Company = {
    id: seedIds.company,
    name: 'Summit Digital Agency',
    email: 'owner@summit-agency.test',
    // A `*.localhost` name, so the shell can be served on it; see
    // `servedWhitelabelDomain`.
    whitelabelDomain: 'app.summit-agency.localhost',
  }
  state.companies.set(company.id, company)
}

function addLocations(state: SandboxState): void {
  const base = {
    companyId: seedIds.company,
    country: 'US',
    timezone: 'America/New_York',
  }
  const locations: Location[] = [
    {
      ...base,
      id: seedIds.harbor,
      name: 'Harbor Dental',
      email: 'front-desk@harbor-dental.test',
      phone: '+15555550101',
      address: '12 Pier Road',
      city: 'Portland',
      state: 'ME',
      postalCode: '04101',
      website: 'https://harbor-dental.test',
    },
    {
      ...base,
      id: seedIds.peak,
      name: 'Peak Fitness',
      email: 'hello@peak-fitness.test',
      phone: '+15555550202',
      address: '400 Summit Ave',
      city: 'Denver',
      state: 'CO',
      postalCode: '80202',
      website: 'https://peak-fitness.test',
    },
  ]
  for (const location of locations) {
    state.locations.set(location.id, location)
  }
}

function addUsers(state: SandboxState): void {
  const users: User[] = [
    user(seedIds.agencyAdmin, 'Avery', 'Stone', 'agency', 'admin', [
      seedIds.harbor,
      seedIds.peak,
    ]),
    user(seedIds.harborUser, 'Hana', 'Brooks', 'account', 'user', [
      seedIds.harbor,
    ]),
    user(seedIds.peakUser, 'Pedro', 'Alves', 'account', 'admin', [
      seedIds.peak,
    ]),
  ]
  for (const entry of users) {
    state.users.set(entry.id, entry)
  }
}

function user(
  id: string,
  firstName: string,
  lastName: string,
  type: User['type'],
  role: User['role'],
  locationIds: string[],
): User {
  return {
    id,
    companyId: seedIds.company,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    email: `${firstName.toLowerCase()}@summit-agency.test`,
    phone: '+15555550100',
    type,
    role,
    locationIds,
  }
}

const seedContacts: [string, string, string, string, string[]][] = [
  [seedIds.harbor, 'SbxContactHarbor0001', 'Maya', 'Chen', ['new-patient']],
  [seedIds.harbor, 'SbxContactHarbor0002', 'Liam', 'Okafor', ['recall']],
  [seedIds.harbor, 'SbxContactHarbor0003', 'Zoë', 'Martin', []],
  [seedIds.peak, 'SbxContactPeak000001', 'Noah', 'Silva', ['trial']],
  [seedIds.peak, 'SbxContactPeak000002', 'Emma', 'Novak', ['member']],
  [seedIds.peak, 'SbxContactPeak000003', 'Ravi', 'Patel', ['lead']],
]

function addContacts(state: SandboxState): void {
  for (const [locationId, id, firstName, lastName, tags] of seedContacts) {
    state.contacts.set(id, contact(locationId, id, firstName, lastName, tags))
  }
}

function contact(
  locationId: string,
  id: string,
  firstName: string,
  lastName: string,
  tags: string[],
): Contact {
  const email = `${firstName}.${lastName}@example.test`
  return {
    id,
    locationId,
    firstName,
    lastName,
    contactName: `${firstName} ${lastName}`,
    email: email
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase(),
    phone: '+15555550150',
    companyName: null,
    address1: null,
    city: null,
    state: null,
    postalCode: null,
    country: 'US',
    website: null,
    source: 'sandbox seed',
    tags,
    dnd: false,
    assignedTo: null,
    customFields: [],
    dateAdded: seedTime,
    dateUpdated: seedTime,
  }
}
