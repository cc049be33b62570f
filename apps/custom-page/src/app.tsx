import { SessionGate } from '@hoopkit/ui'
import { useState } from 'react'
import { BillingPanel } from './components/billing-panel.js'
import { ContactsPanel } from './components/contacts-panel.js'
import { HealthPanel } from './components/health-panel.js'
import { LocationPicker } from './components/location-picker.js'
import { SettingsPanel } from './components/settings-panel.js'

const tabs = [
  { id: 'contacts', label: 'Contacts' },
  { id: 'health', label: 'Install health' },
  { id: 'billing', label: 'Plan and charges' },
  { id: 'settings', label: 'Settings' },
] as const

type TabId = (typeof tabs)[number]['id']

// `/pages/settings` opens the settings tab, so a menu link can point at it.
function tabFromPath(path: string): TabId {
  const last = path.replace(/\/+$/, '').split('/').pop()
  return tabs.find((tab) => tab.id === last)?.id ?? 'contacts'
}

function locationFromQuery(): string | null {
  const value = new URLSearchParams(window.location.search).get('locationId')
  return value && !value.includes('{{') ? value : null
}

/** Renders the dashboard of one sub-account: contacts, health and settings. */
export function App() {
  const [tab, setTab] = useState<TabId>(() =>
    tabFromPath(window.location.pathname),
  )
  const [picked, setPicked] = useState<string | null>(null)

  const select = (next: TabId) => {
    setTab(next)
    const url = new URL(window.location.href)
    url.pathname = `/pages/${next}`
    window.history.replaceState(null, '', url)
  }

  return (
    <SessionGate>
      {(context) => {
        const locationId = context.locationId ?? locationFromQuery() ?? picked
        return (
          <div className="page">
            <header className="page-header">
              <h1>Lead Notes</h1>
              <span className="muted">
                Signed in as {context.userName || context.email} ({context.role}
                )
              </span>
            </header>
            {locationId === null ? (
              <LocationPicker onPick={setPicked} />
            ) : (
              <>
                <nav className="tabs" aria-label="Sections">
                  {tabs.map((entry) => (
                    <button
                      key={entry.id}
                      type="button"
                      className={entry.id === tab ? '' : 'hk-secondary'}
                      aria-current={entry.id === tab ? 'page' : undefined}
                      onClick={() => select(entry.id)}
                    >
                      {entry.label}
                    </button>
                  ))}
                </nav>
                {tab === 'contacts' && (
                  <ContactsPanel locationId={locationId} />
                )}
                {tab === 'health' && <HealthPanel locationId={locationId} />}
                {tab === 'billing' && <BillingPanel locationId={locationId} />}
                {tab === 'settings' && (
                  <SettingsPanel
                    locationId={locationId}
                    canEdit={context.role === 'admin'}
                  />
                )}
              </>
            )}
          </div>
        )
      }}
    </SessionGate>
  )
}
