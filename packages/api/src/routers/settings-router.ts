import type { StoredSettings } from '@hoopkit/core'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import {
  type AppSettings,
  appSettingsSchema,
} from '../settings/app-settings-schema.js'
import { locationProcedure } from '../tenant/session-procedure.js'
import { router } from '../trpc.js'

export const settingsRouter = router({
  /** Returns the app's settings for the sub-account, with their version. */
  get: locationProcedure.query(
    ({ ctx }): Promise<StoredSettings<AppSettings>> =>
      ctx.deps.settings.read(ctx.locationId),
  ),

  /**
   * Saves the settings. Only admins may change them, and a write based on
   * an older version is a CONFLICT, so the page can reload and retry.
   */
  update: locationProcedure
    .input(
      z.object({
        expectedVersion: z.number().int().min(0),
        values: appSettingsSchema,
      }),
    )
    .mutation(async ({ ctx, input }): Promise<StoredSettings<AppSettings>> => {
      if (ctx.session.role !== 'admin') {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message:
            'settings: only admins may change the settings: ask an admin ' +
            'of this sub-account',
        })
      }

      const result = await ctx.deps.settings.write(
        ctx.locationId,
        input.values,
        { userId: ctx.session.userId, expectedVersion: input.expectedVersion },
      )
      if (!result.ok) {
        throw new TRPCError({
          code: 'CONFLICT',
          message:
            `settings: expected version ${input.expectedVersion}, but ` +
            `version ${result.current.version} is stored: reload and retry`,
        })
      }
      return result.settings
    }),
})
