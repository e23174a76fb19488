import { errorMessage } from '../util/errors.ts'
import { statusOf } from './client.ts'

/**
 * Turns a failed GitHub call into one warning that says which permission to
 * add. Fork PRs get a read-only token: the gate carries on with the job
 * summary and its exit code reflects the checks, never the 403.
 */
export function describeGitHubFailure(
  error: unknown,
  what: string,
  permission: string
): string {
  const status = statusOf(error)
  if (status === 403 || status === 404) {
    return `launch-gate could not ${what} (${status}): the token needs \`${permission}\` in the job's permissions (pull requests from forks get a read-only token). The report is in the job summary.`
  }
  return `launch-gate could not ${what}: ${errorMessage(error)}. The report is in the job summary.`
}
