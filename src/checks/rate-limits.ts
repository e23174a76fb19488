import { CheckError } from '../errors.ts'
import { formatDuration } from '../util/duration.ts'
import type { Policy } from '../policy/schema.ts'
import { asList } from '../util/list.ts'
import { adviceSuffix } from './outcome.ts'
import { PreparedRequest } from '../net/request.ts'
import { commitScope } from '../util/template.ts'
import { itemLabel } from './target.ts'
import type { Check, CheckContext, Finding, UnitOutcome } from './types.ts'

export type RateLimitItem = NonNullable<Policy['rate_limits']>[number]

/** A probe never runs longer than this, however slow the endpoint. */
export const PROBE_TIME_LIMIT_MS = 120_000

/** Answers are not judged by their body: read little of it. */
const MAX_BODY_BYTES = 64 * 1024

export const rateLimitsCheck: Check<'rate_limits'> = {
  kind: 'rate_limits',
  plan: (items, policy) => ({
    maxRequests: items.reduce((sum, item) => sum + item.requests, 0),
    maxMs: items.reduce(
      (sum, item) =>
        sum +
        Math.min(PROBE_TIME_LIMIT_MS, item.requests * policy.defaults.timeout),
      0
    ),
    basis: `${items.length} probes, each sent at most its requests`
  }),
  units: items =>
    items.map((item, index) => ({
      name: itemLabel(item),
      level: item.level,
      policyPath: ['rate_limits', index],
      async run(ctx) {
        const probe = await probeRateLimit(item, ctx)
        if (
          probe.stopped &&
          probe.limitedAt === undefined &&
          probe.statuses.length < item.within
        ) {
          throw new CheckError(
            `stopped at request ${probe.statuses.length} of ${item.within} (${probe.stopped}) before any ${expectedText(item)}: ${statusRuns(probe.statuses) || 'no answers'}`
          )
        }
        return evaluateRateLimit(item, probe)
      }
    }))
}

/** What a burst of requests saw. */
export interface RateLimitProbe {
  /** Status of each request sent, in order. */
  statuses: number[]
  /** 1-based number of the first request answered with an expected status. */
  limitedAt?: number
  /** The Retry-After header of that answer. */
  retryAfter?: string
  /** Why the burst ended before `requests` without a match. */
  stopped?: string
}

/**
 * Sends the item's request one at a time until an expected status comes
 * back, `requests` have been sent, the probe's time is up or the run is
 * cancelled. A request that gets no HTTP answer ends the probe with a
 * CheckError naming it.
 */
export async function probeRateLimit(
  item: RateLimitItem,
  ctx: CheckContext
): Promise<RateLimitProbe> {
  const request = new PreparedRequest(item, ctx.target)
  const values = commitScope(ctx.sha)
  const expected = expectedStatuses(item)
  const timeLimit = AbortSignal.timeout(PROBE_TIME_LIMIT_MS)
  const signal = AbortSignal.any([ctx.signal, timeLimit])
  const statuses: number[] = []
  const stopped = () =>
    timeLimit.aborted
      ? `the probe's ${formatDuration(PROBE_TIME_LIMIT_MS)} were up`
      : 'the run is out of time'
  for (let number = 1; number <= item.requests; number++) {
    if (signal.aborted) return { statuses, stopped: stopped() }
    let res
    try {
      res = await ctx.http.send({
        ...request.render({ values, seq: number }),
        maxBodyBytes: MAX_BODY_BYTES,
        signal
      })
    } catch (error) {
      if (signal.aborted) return { statuses, stopped: stopped() }
      const sent = statuses.length > 0 ? ` after ${statusRuns(statuses)}` : ''
      const reason = error instanceof Error ? error.message : String(error)
      throw new CheckError(`request ${number} got no answer${sent}: ${reason}`)
    }
    statuses.push(res.status)
    if (expected.includes(res.status)) {
      const retryAfter = res.headers['retry-after']
      return {
        statuses,
        limitedAt: number,
        retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter
      }
    }
  }
  return { statuses }
}

/** Judges a probe: the expected status must come by request `within`; pure. */
export function evaluateRateLimit(
  item: RateLimitItem,
  probe: RateLimitProbe
): UnitOutcome {
  const what = endpoint(item)
  const { statuses, limitedAt } = probe
  const before = statusRuns(
    statuses.slice(0, limitedAt === undefined ? undefined : limitedAt - 1)
  )
  const metrics = {
    requests: statuses.length,
    limited_at: limitedAt ?? 0,
    ...(probe.retryAfter !== undefined && { retry_after: probe.retryAfter })
  }

  if (limitedAt === undefined) {
    const message = `no ${expectedText(item)} in ${statuses.length} requests (${before}): rate-limit ${what} so it answers ${expectedText(item)} by request ${item.within}`
    return {
      ok: false,
      summary: message,
      metrics,
      findings: [{ rule: 'not-limited', message }]
    }
  }

  const status = statuses[limitedAt - 1]
  const seen = `${status} at request ${limitedAt}${before ? ` (${before})` : ''}`
  if (limitedAt > item.within) {
    const message = `${seen}, expected by request ${item.within}: lower the limit on ${what}`
    return {
      ok: false,
      summary: message,
      metrics,
      findings: [{ rule: 'limited-late', message }]
    }
  }

  const findings: Finding[] = []
  if (probe.retryAfter === undefined && status === 429) {
    findings.push({
      severity: 'warning',
      rule: 'no-retry-after',
      message: `the ${status} has no Retry-After header: send one so clients know when to try again`
    })
  }
  const retry =
    probe.retryAfter !== undefined ? `, Retry-After: ${probe.retryAfter}` : ''
  return {
    ok: true,
    summary: `${seen}${retry}${adviceSuffix(findings)}`,
    metrics,
    findings
  }
}

/** `200×5, 401, 200×2`: the statuses in order, repeats folded. */
export function statusRuns(statuses: readonly number[]): string {
  const runs: { status: number; count: number }[] = []
  for (const status of statuses) {
    const last = runs.at(-1)
    if (last?.status === status) last.count++
    else runs.push({ status, count: 1 })
  }
  return runs
    .map(run =>
      run.count > 1 ? `${run.status}×${run.count}` : String(run.status)
    )
    .join(', ')
}

/** `POST /api/login`: what a probe hits. */
function endpoint(item: RateLimitItem): string {
  return `${item.method} ${item.path ?? item.url}`
}

function expectedStatuses(item: RateLimitItem): number[] {
  return asList(item.expect_status)
}

function expectedText(item: RateLimitItem): string {
  return expectedStatuses(item).join(' or ')
}
