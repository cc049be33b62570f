import { ContactWidget } from './contact-widget.js'
import { mountWidget } from './mount-widget.js'
import { readWidgetParams } from './widget-params.js'

const params = readWidgetParams(window.location.search)

mountWidget((context) => (
  <ContactWidget
    locationId={context.locationId ?? params.locationId}
    contactId={params.contactId}
  />
))
