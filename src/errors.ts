/**
 * The errors every layer may throw. They live at the bottom of the tree so
 * that `net/`, `policy/` and `checks/` can share them without importing up.
 */

/** A failure to run that the user can act on; its message is shown as is. */
export class CheckError extends Error {
  override readonly name: string = 'CheckError'
}

/** A bad command-line argument or action input: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * The run cannot be judged (§7.0): the policy could not be read where
 * `policy-ref` says, or the release it waits for never showed. The report
 * is `fail` with this message as its `error`, every check `skip`, exit 1
 * whatever `fail-on` says.
 */
export class CannotJudgeError extends Error {
  override readonly name = 'CannotJudgeError'
}
