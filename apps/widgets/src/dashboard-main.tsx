import { DashboardWidget } from './dashboard-widget.js'
import { mountWidget } from './mount-widget.js'
import { readWidgetParams } from './widget-params.js'

const params = readWidgetParams(window.location.search)

mountWidget((context) => (
  <DashboardWidget locationId={context.locationId ?? params.locationId} />
))
