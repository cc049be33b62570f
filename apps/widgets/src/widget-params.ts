/** The ids the Custom JS loader passes in the widget frame's URL. */
export interface WidgetParams {
  locationId: string | null
  contactId: string | null
}

export function readWidgetParams(search: string): WidgetParams {
  const params = new URLSearchParams(search)
  const read = (name: string) => {
    const value = params.get(name)
    return value && !value.includes('{{') ? value : null
  }
  return { locationId: read('locationId'), contactId: read('contactId') }
}
