import { isHoopkitError } from '@hoopkit/core'
import { describe, expect, test } from 'vitest'
import { seedIds } from '../../src/state/seed-data.js'
import { startApiTestPlatform } from './api-test-platform.js'

const harbor = seedIds.harbor

describe('sandbox contacts routes', () => {
  test('client creates, reads and deletes contact', async () => {
    await using platform = await startApiTestPlatform()
    const contacts = platform.client.location(harbor).contacts

    const created = await contacts.create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.test',
      tags: ['vip'],
    })
    const read = await contacts.get(created.contact.id)
    const updated = await contacts.update(created.contact.id, {
      city: 'London',
    })
    const deleted = await contacts.delete(created.contact.id)
    const missing = await contacts
      .get(created.contact.id)
      .catch((e: unknown) => e)

    expect(read.contact).toMatchObject({
      id: created.contact.id,
      locationId: harbor,
      firstName: 'Ada',
      email: 'ada@example.test',
      tags: ['vip'],
    })
    expect(updated.contact?.city).toBe('London')
    expect(deleted.succeded).toBe(true)
    expect(isHoopkitError(missing, 'API_REQUEST_FAILED')).toBe(true)
    expect(
      (missing as { details: Record<string, unknown> }).details['status'],
    ).toBe(404)
  })

  test('list and search see seed contacts', async () => {
    await using platform = await startApiTestPlatform()
    const contacts = platform.client.location(harbor).contacts

    const page = await contacts.list({ limit: 2 })
    const found = await contacts.search({ query: 'okafor' })

    expect(page.contacts).toHaveLength(2)
    expect(page.count).toBe(3)
    expect(found.contacts.map((c) => c.lastName)).toEqual(['Okafor'])
  })

  test('upsert matches by email', async () => {
    await using platform = await startApiTestPlatform()
    const contacts = platform.client.location(harbor).contacts

    const first = await contacts.upsert({
      email: 'new@example.test',
      firstName: 'N',
    })
    const second = await contacts.upsert({
      email: 'new@example.test',
      lastName: 'M',
    })

    expect(first.new).toBe(true)
    expect(second.new).toBe(false)
    expect(second.contact.id).toBe(first.contact.id)
    expect(second.contact.lastName).toBe('M')
  })

  test('tags, notes and bulk tags', async () => {
    await using platform = await startApiTestPlatform()
    const contacts = platform.client.location(harbor).contacts
    const id = 'SbxContactHarbor0003'

    const added = await contacts.addTags(id, ['recall', 'vip'])
    const removed = await contacts.removeTags(id, ['vip'])
    await contacts.createNote(id, { body: 'Called back' })
    const notes = await contacts.listNotes(id)
    const [bulk] = await contacts.addTagsToMany(
      ['SbxContactHarbor0001', 'SbxContactHarbor0002', 'SbxContactPeak000001'],
      ['newsletter'],
    )

    expect(added.tags).toEqual(['recall', 'vip'])
    expect(removed.tags).toEqual(['recall'])
    expect(notes.notes.map((n) => n.body)).toEqual(['Called back'])
    expect(bulk?.errorCount).toBe(1)
    const tagged = await contacts.get('SbxContactHarbor0001')
    expect(tagged.contact.tags).toContain('newsletter')
  })

  test('locationId on a path route gets 422', async () => {
    await using platform = await startApiTestPlatform()
    const response = await platform.rawGet(
      `/locations/${harbor}/customFields?locationId=${harbor}`,
    )

    expect(response.status).toBe(422)
    expect(await response.json()).toEqual({
      statusCode: 422,
      message: ['property locationId should not exist'],
      error: 'Unprocessable Entity',
    })
  })

  test('other location gets 403', async () => {
    await using platform = await startApiTestPlatform()
    const response = await platform.rawGet(
      `/contacts/?locationId=${seedIds.peak}`,
    )

    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({
      statusCode: 403,
      message: 'The token does not have access to this location',
    })
  })
})

describe('sandbox location routes', () => {
  test('client reads location, fields, users, install', async () => {
    await using platform = await startApiTestPlatform()
    const location = platform.client.location(harbor)

    const { location: details } = await location.get()
    const { customFields } = await location.customFields.list()
    const { users } = await location.users.list()
    const { installationDetails } = await location.installation.get()
    const port = new URL(platform.sandbox.url).port

    expect(details.name).toBe('Harbor Dental')
    expect(customFields.map((f) => f.fieldKey)).toEqual([
      'contact.lead_score',
      'contact.preferred_contact_time',
    ])
    expect(users.map((u) => u.id).sort()).toEqual(
      [seedIds.agencyAdmin, seedIds.harborUser].sort(),
    )
    expect(installationDetails).toMatchObject({
      companyId: seedIds.company,
      locationId: harbor,
      userId: seedIds.harborUser,
      isWhitelabelCompany: true,
      whitelabelDetails: { domain: `app.summit-agency.localhost:${port}` },
    })
  })

  test('missing Version header gets 400', async () => {
    await using platform = await startApiTestPlatform()
    const response = await platform.rawGet(`/locations/${harbor}`, {
      version: null,
    })

    expect(response.status).toBe(400)
  })
})
