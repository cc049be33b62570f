import { billingRouter } from './routers/billing-router.js'
import { contactsRouter } from './routers/contacts-router.js'
import { healthRouter } from './routers/health-router.js'
import { installsRouter } from './routers/installs-router.js'
import { sessionRouter } from './routers/session-router.js'
import { settingsRouter } from './routers/settings-router.js'
import { router } from './trpc.js'

/** Every procedure the UIs call, served at `/trpc`. */
export const appRouter = router({
  session: sessionRouter,
  billing: billingRouter,
  contacts: contactsRouter,
  health: healthRouter,
  installs: installsRouter,
  settings: settingsRouter,
})

export type AppRouter = typeof appRouter
