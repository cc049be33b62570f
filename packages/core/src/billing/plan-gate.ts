import { HoopkitError } from '../errors/hoopkit-error.js'

/** The facts of an install that a plan check reads. */
export interface PlanHolder {
  /** The location id, or the company id of an agency install. */
  resourceId: string
  planId: string | null
}

/** Returns true when the install is on one of `planIds`. */
export function hasPlan(
  install: PlanHolder | undefined,
  planIds: readonly string[],
): boolean {
  return install?.planId != null && planIds.includes(install.planId)
}

/**
 * Throws `PLAN_REQUIRED` unless the install is on one of `planIds`. Use it
 * at the top of a paid feature; the error's status is 403.
 *
 * @example
 * requirePlan(install, ['pro', 'agency'])
 */
export function requirePlan(
  install: PlanHolder | undefined,
  planIds: readonly string[],
): void {
  if (hasPlan(install, planIds)) {
    return
  }

  const current = install?.planId ?? null
  throw new HoopkitError(
    'PLAN_REQUIRED',
    `plan: expected one of ${planIds.join(', ')}, got ` +
      `${current ?? 'no plan'} for ${install?.resourceId ?? 'an unknown install'}: ` +
      'upgrade the plan in the marketplace to use this feature',
    { details: { resourceId: install?.resourceId, planId: current, planIds } },
  )
}
