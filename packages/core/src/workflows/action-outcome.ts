const branchTag = Symbol('hoopkit.branch')
const resumeLaterTag = Symbol('hoopkit.resumeLater')

/** A handler's choice of the branch on which the workflow continues. */
export interface BranchChoice<TBranch extends string = string> {
  readonly [branchTag]: true
  readonly branch: TBranch
  /** Custom variables sent with the branch id. */
  readonly output: Record<string, unknown>
}

/**
 * Returned by the handler of a pause action whose job completes elsewhere.
 * The app then calls `ActionResumer.resume` when the job is done.
 */
export interface ResumeLater {
  readonly [resumeLaterTag]: true
}

export function branchChoice<TBranch extends string>(
  branch: TBranch,
  output: Record<string, unknown> = {},
): BranchChoice<TBranch> {
  return { [branchTag]: true, branch, output }
}

export function isBranchChoice(value: unknown): value is BranchChoice {
  return typeof value === 'object' && value !== null && branchTag in value
}

export const resumeLater: ResumeLater = Object.freeze({
  [resumeLaterTag]: true as const,
})

export function isResumeLater(value: unknown): value is ResumeLater {
  return value === resumeLater
}
