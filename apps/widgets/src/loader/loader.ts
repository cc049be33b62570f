import { frameHeightMessage } from '@hoopkit/ui/frame'
import { matchWidget } from './widget-routes.js'

// The Custom JS loader. The platform runs it inside its own page, where it
// mounts the widget frames on matching routes and replies to their SSO
// handshake with `window.exposeSessionDetails(appId)`, which only this
// page can call.

interface RouteInfo {
  path?: string
  fullPath?: string
}

interface PlatformWindow extends Window {
  AppUtils?: {
    RouteHelper?: { getCurrentRoute(): Promise<RouteInfo> | RouteInfo }
  }
  exposeSessionDetails?: (appId: string) => Promise<string>
  /** Set before the loader runs when it is pasted inline, with no `src`. */
  hoopkitWidgets?: { appId?: string; baseUrl?: string }
}

const view = window as PlatformWindow
const script = document.currentScript as HTMLScriptElement | null
const scriptUrl = script?.src ? new URL(script.src) : null
const configured = view.hoopkitWidgets
const backendOrigin = configured?.baseUrl
  ? new URL(configured.baseUrl).origin
  : (scriptUrl?.origin ?? null)
const appId =
  configured?.appId ??
  script?.dataset['appId'] ??
  scriptUrl?.searchParams.get('appId') ??
  null
const frameName = 'hoopkit-widget'
// Bounds of a widget frame's height in CSS pixels. Content taller than the
// maximum scrolls inside the frame, so none of it is cut off.
const minFrameHeight = 120
const maxFrameHeight = 1600
const initialFrameHeight = 320

let mounted: { key: string; frame: HTMLIFrameElement } | null = null

async function currentPath(): Promise<string> {
  const helper = view.AppUtils?.RouteHelper
  if (helper) {
    const route = await helper.getCurrentRoute()
    return route.path ?? route.fullPath ?? window.location.pathname
  }
  return window.location.pathname
}

async function syncWidget(): Promise<void> {
  if (backendOrigin === null) {
    return
  }
  const match = matchWidget(await currentPath())
  const key = match
    ? `${match.widget}:${match.locationId}:${match.contactId}`
    : ''
  if (mounted?.key === key) {
    return
  }
  mounted?.frame.remove()
  mounted = null
  if (match === null) {
    return
  }

  const src = new URL(`/widgets/${match.widget}`, backendOrigin)
  src.searchParams.set('locationId', match.locationId)
  if (match.contactId !== null) {
    src.searchParams.set('contactId', match.contactId)
  }
  const frame = document.createElement('iframe')
  frame.name = frameName
  frame.src = src.toString()
  frame.title = `Lead Notes ${match.widget} widget`
  frame.style.cssText = `border:0;display:block;width:100%;height:${initialFrameHeight}px`
  slotFor(match.widget).append(frame)
  mounted = { key, frame }
}

// The platform has no widget slots, so the loader adds a panel at the
// right edge unless the page offers `[data-hoopkit-slot="<widget>"]`.
function slotFor(widget: string): HTMLElement {
  const slot = document.querySelector<HTMLElement>(
    `[data-hoopkit-slot="${widget}"]`,
  )
  if (slot) {
    return slot
  }
  const panel = document.createElement('div')
  panel.dataset['hoopkitSlot'] = widget
  panel.style.cssText =
    'position:fixed;right:16px;bottom:16px;width:320px;' +
    'max-height:calc(100vh - 32px);overflow-y:auto;z-index:1000;' +
    'background:#fff;box-shadow:0 4px 16px rgba(0,0,0,.2);border-radius:8px'
  document.body.append(panel)
  return panel
}

/**
 * Sizes the mounted frame to the height its widget reports, within
 * `minFrameHeight` and `maxFrameHeight`. Posts from other frames or
 * origins, and heights that are not finite numbers, are ignored.
 */
function resizeFrame(event: MessageEvent): void {
  const frame = mounted?.frame
  const data = event.data as { message?: unknown; height?: unknown } | null
  if (frame === undefined || event.source !== frame.contentWindow) {
    return
  }
  if (event.origin !== backendOrigin) {
    return
  }
  if (data?.message !== frameHeightMessage) {
    return
  }
  if (typeof data.height !== 'number' || !Number.isFinite(data.height)) {
    return
  }

  const height = Math.min(
    maxFrameHeight,
    Math.max(minFrameHeight, Math.ceil(data.height)),
  )
  frame.style.height = `${height}px`
}

async function answerHandshake(event: MessageEvent): Promise<void> {
  const fromWidget =
    mounted !== null && event.source === mounted.frame.contentWindow
  const data = event.data as { message?: unknown } | null
  if (backendOrigin === null || !fromWidget || event.origin !== backendOrigin) {
    return
  }
  if (data?.message !== 'REQUEST_USER_DATA' || !view.exposeSessionDetails) {
    return
  }
  if (appId === null) {
    // biome-ignore lint/suspicious/noConsole: the platform page's console is the only place a Custom JS script can report a setup error.
    console.error(
      'hoopkit widgets: the loader has no app id: add data-app-id to its ' +
        'script tag, or set window.hoopkitWidgets = { appId, baseUrl }',
    )
    return
  }

  const payload = await view.exposeSessionDetails(appId)
  ;(event.source as Window).postMessage(
    { message: 'REQUEST_USER_DATA_RESPONSE', payload },
    backendOrigin,
  )
}

if (backendOrigin === null) {
  // biome-ignore lint/suspicious/noConsole: the platform page's console is the only place a Custom JS script can report a setup error.
  console.error(
    'hoopkit widgets: the loader does not know the backend: load it with ' +
      '<script src=".../widgets/loader.js">, or set ' +
      'window.hoopkitWidgets = { appId, baseUrl }',
  )
}

window.addEventListener('message', (event) => void answerHandshake(event))
window.addEventListener('message', resizeFrame)
window.addEventListener('routeLoaded', () => void syncWidget())
window.addEventListener('routeChangeEvent', () => void syncWidget())
