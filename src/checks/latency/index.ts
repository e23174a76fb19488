import { CheckError } from '../../errors.ts'
import type { Dispatcher } from 'undici'
import { formatDuration } from '../../util/duration.ts'
import type { Policy } from '../../policy/schema.ts'
import { resolveUrl } from '../target.ts'
import type { Check, Finding, Metrics, UnitOutcome } from '../types.ts'
import {
  CONNECTION_FAILURE_LIMIT,
  loadBounds,
  runLoad,
  type ErrorCounts,
  type LoadProgress,
  type LoadResult,
  type LoadSettings
} from './load.ts'

export type LatencyItem = NonNullable<Policy['latency']>[number]

/** The keys of an item that shape its load: model and bounds. */
function loadSettings(item: LatencyItem): LoadSettings {
  return {
    model:
      item.rate !== undefined
        ? { kind: 'rate', rate: item.rate }
        : { kind: 'concurrency', concurrency: item.concurrency ?? 1 },
    duration: item.duration,
    requests: item.requests,
    warmup: item.warmup
  }
}

/** One run's requests (warm-up included) and its time cap, warm-up and one timeout to drain. */
function itemPlan(item: LatencyItem, policy: Policy) {
  const bounds = loadBounds(loadSettings(item), policy.defaults.timeout)
  return {
    maxRequests: bounds.requests + bounds.warmupRequests,
    maxMs: bounds.windowMs + bounds.warmupMs + policy.defaults.timeout
  }
}

/** The latency budgets, in the order the summary names them. */
const LATENCY_BUDGETS = ['p50', 'p90', 'p95', 'p99', 'max'] as const

/**
 * One load test per policy item. Units are exclusive: the engine runs each
 * alone, so no other check's traffic skews the figures.
 */
export const latencyCheck: Check<'latency'> = {
  kind: 'latency',
  extraTimeMs: (items, policy) =>
    items.reduce((sum, item) => sum + itemPlan(item, policy).maxMs, 0),
  plan: (items, policy) => {
    const plans = items.map(item => itemPlan(item, policy))
    return {
      maxRequests: plans.reduce((sum, plan) => sum + plan.maxRequests, 0),
      maxMs: plans.reduce((sum, plan) => sum + plan.maxMs, 0),
      basis: `${items.length} load runs, one after another, warm-up included`
    }
  },
  units: items =>
    items.map((item, index) => {
      const name = item.name ?? item.paths.join(', ')
      return {
        name,
        level: item.level,
        policyPath: ['latency', index],
        exclusive: true,
        async run(ctx) {
          const urls = item.paths.map(path => resolveUrl({ path }, ctx.target))
          const result = await runLoad({
            ...loadSettings(item),
            origin: urls[0],
            paths: urls.map(url => url.pathname + url.search),
            method: item.method as Dispatcher.HttpMethod,
            headers: ctx.http.headersFor(urls[0]),
            timeoutMs: ctx.http.timeoutMs,
            ca: ctx.ca,
            signal: ctx.signal,
            onProgress: progress => ctx.progress(progressLine(name, progress))
          })
          if (result.stoppedBy === 'cancelled') {
            throw new CheckError('cancelled: out of time')
          }
          return evaluateLatency(item, result, ctx.http.timeoutMs)
        }
      }
    })
}

/** The live line: requests so far, current p95, errors. */
export function progressLine(name: string, progress: LoadProgress): string {
  if (progress.phase === 'warm-up') return `latency ${name}: warming up`
  const p95 =
    progress.requests > progress.errors ? formatMs(progress.p95Ms) : '-'
  const draining =
    progress.phase === 'drain' ? ', waiting for the last answers' : ''
  return `latency ${name}: ${progress.requests} requests, p95 ${p95}, ${progress.errors} errors${draining}`
}

/** The budgets of an item; the rest of the item shapes the load. */
export type LatencyBudgets = Pick<
  LatencyItem,
  (typeof LATENCY_BUDGETS)[number] | 'error_rate' | 'requests'
>

/**
 * Judges a finished run against the budgets; pure, so tests need no server.
 * A budget with no data to judge (no successful response) fails.
 */
export function evaluateLatency(
  budgets: LatencyBudgets,
  result: LoadResult,
  timeoutMs: number
): UnitOutcome {
  const { latency, requests, errors } = result
  const errorRate = requests === 0 ? 0 : errors.total / requests
  const breaches: string[] = []
  const findings: Finding[] = []

  for (const budget of LATENCY_BUDGETS) {
    const limit = budgets[budget]
    if (limit === undefined) continue
    if (latency.count === 0) {
      breaches.push(`${budget} no data`)
      continue
    }
    const measured = latency[budget]
    if (measured > limit) {
      const [shown, allowed] = formatPair(measured, limit)
      breaches.push(`${budget} ${shown} > ${allowed}`)
      findings.push({
        message: `${budget} latency is ${shown}, over the ${allowed} budget (${latency.count} successful responses)`
      })
    }
  }
  if (budgets.error_rate !== undefined) {
    if (requests === 0) breaches.push('error_rate no data')
    else if (errorRate > budgets.error_rate) {
      breaches.push(
        `error_rate ${formatRate(errorRate)} > ${formatRate(budgets.error_rate)}`
      )
    }
  }
  if (latency.count === 0 && breaches.length === 0) {
    breaches.push('no successful responses')
  }
  if (breaches.some(b => b.endsWith('no data'))) {
    findings.push({
      message: `no data: ${latency.count === 0 && requests > 0 ? `all ${requests} requests failed` : 'no request ended'}, so no latency budget can be judged; a budget without data fails`
    })
  }
  if (errors.total > 0) {
    findings.push({
      message: `${errors.total} of ${requests} requests failed (${formatPercent(errorRate)}): ${errorBreakdown(errors, timeoutMs)}`
    })
  }
  if (result.stoppedBy === 'connection-failures') {
    findings.push({
      message: `stopped early: ${CONNECTION_FAILURE_LIMIT} connection failures in a row and not one HTTP answer; is the target up?`
    })
  }
  if (
    budgets.requests !== undefined &&
    result.stoppedBy === 'duration' &&
    requests < budgets.requests
  ) {
    findings.push({
      message: `stopped by the ${formatDuration(result.bounds.windowMs)} time cap after ${requests} of ${budgets.requests} requests; set duration to run longer`
    })
  }

  const metrics = latencyMetrics(result, errorRate)
  if (breaches.length > 0) {
    return { ok: false, summary: breaches.join(', '), metrics, findings }
  }
  const p95 = formatMs(latency.p95)
  return {
    ok: true,
    summary: `p95 ${p95}, ${errors.total} errors in ${requests} requests, ${result.rps.toFixed(1)} req/s`,
    metrics,
    findings
  }
}

/** The report's figures; the latency ones are 0 when `successes` is 0. */
function latencyMetrics(result: LoadResult, errorRate: number): Metrics {
  const { latency } = result
  const ms = (value: number) => Math.round(value * 10) / 10
  return {
    requests: result.requests,
    successes: latency.count,
    errors: result.errors.total,
    p50_ms: ms(latency.p50),
    p90_ms: ms(latency.p90),
    p95_ms: ms(latency.p95),
    p99_ms: ms(latency.p99),
    max_ms: ms(latency.max),
    error_rate: Math.round(errorRate * 10_000) / 10_000,
    rps: Math.round(result.rps * 10) / 10
  }
}

/** `9 × status 503, 2 × timeout (...)`, largest first. */
function errorBreakdown(errors: ErrorCounts, timeoutMs: number): string {
  const parts: [string, number][] = []
  for (const [status, count] of Object.entries(errors.byStatus)) {
    parts.push([`status ${status}`, count])
  }
  const labels = {
    timeout: `timeout (no complete answer within ${formatDuration(timeoutMs)})`,
    reset: 'connection reset',
    refused: 'connection refused'
  }
  for (const kind of ['timeout', 'reset', 'refused'] as const) {
    if (errors.byKind[kind] > 0) parts.push([labels[kind], errors.byKind[kind]])
  }
  let otherNamed = 0
  for (const [reason, count] of Object.entries(errors.otherReasons)) {
    parts.push([reason, count])
    otherNamed += count
  }
  if (errors.byKind.other > otherNamed) {
    parts.push(['other failures', errors.byKind.other - otherNamed])
  }
  return parts
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => `${count} × ${label}`)
    .join(', ')
}

/** `412 ms`, `45 ms`, `3.2 ms`. */
export function formatMs(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${Math.round(ms * 10) / 10} ms`
}

/** A measured value and its limit, with enough digits to tell them apart. */
function formatPair(measured: number, limit: number): [string, string] {
  const shown = formatMs(measured)
  const allowed = formatMs(limit)
  if (shown !== allowed) return [shown, allowed]
  for (let digits = 1; ; digits++) {
    const pair: [string, string] = [
      `${measured.toFixed(digits)} ms`,
      `${limit.toFixed(digits)} ms`
    ]
    if (pair[0] !== pair[1] || digits === 3) return pair
  }
}

function formatRate(rate: number): string {
  return String(Number(rate.toPrecision(3)))
}

function formatPercent(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))} %`
}
