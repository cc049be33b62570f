/** A widget and the platform routes on which the loader mounts it. */
export interface WidgetRoute {
  widget: 'contact' | 'dashboard'
  /** Matches the route path; groups are the location id, then the contact id. */
  pattern: RegExp
}

/**
 * The platform's sub-account routes that get a widget.
 *
 * NOTE: these are the paths the platform's web app shows in its address
 * bar. No document fixes them, so a changed route needs an edit here.
 */
export const widgetRoutes: readonly WidgetRoute[] = [
  {
    widget: 'contact',
    pattern: /^\/v2\/location\/([^/]+)\/contacts\/detail\/([^/?#]+)/,
  },
  { widget: 'dashboard', pattern: /^\/v2\/location\/([^/]+)\/dashboard\/?$/ },
]

/** Returns the widget for a route path with its ids, or `null` for none. */
export function matchWidget(path: string): {
  widget: WidgetRoute['widget']
  locationId: string
  contactId: string | null
} | null {
  for (const route of widgetRoutes) {
    const match = route.pattern.exec(path)
    if (match?.[1]) {
      return {
        widget: route.widget,
        locationId: decodeURIComponent(match[1]),
        contactId: match[2] ? decodeURIComponent(match[2]) : null,
      }
    }
  }
  return null
}
