import type { Policy } from '../policy/schema.ts'
import type { CheckPlan } from './types.ts'

/**
 * The plan of `count` things that each send up to `each` requests through
 * the shared client, every one retried on network errors and bounded by the
 * policy's timeout (`check --dry-run`).
 */
export function requestsPlan(
  policy: Policy,
  count: number,
  what: string,
  each = 1
): CheckPlan {
  const attempts = 1 + policy.defaults.retries
  const maxRequests = count * each * attempts
  return {
    maxRequests,
    maxMs: maxRequests * policy.defaults.timeout,
    basis: [
      `${count} ${what}`,
      ...(each > 1 ? [`${each} requests`] : []),
      ...(attempts > 1 ? [`${attempts} attempts`] : [])
    ].join(' × ')
  }
}
