import { CheckError } from '../../errors.ts'
import type { Dispatcher } from 'undici'
import { PreparedRequest, type RenderedRequest } from '../../net/request.ts'
import { formatDuration } from '../../util/duration.ts'
import type { Policy } from '../../policy/schema.ts'
import {
  commitScope,
  GENERATED_NAMES,
  type Scope
} from '../../util/template.ts'
import {
  journeyOutcome,
  journeyRequests,
  runJourney,
  type Journey
} from '../journeys.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Metrics,
  UnitOutcome
} from '../types.ts'
import {
  CONNECTION_FAILURE_LIMIT,
  loadBounds,
  runLoad,
  type ErrorCounts,
  type LoadProgress,
  type LoadRequest,
  type LoadRequestSource,
  type LoadResult,
  type LoadSettings
} from './load.ts'
import {
  shardLoad,
  shardMeasurement,
  shardSequence,
  type Shard
} from './shard.ts'

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

/** One run's requests and time: its cap, warm-up, one timeout to drain, and its setup steps. */
function itemPlan(item: LatencyItem, policy: Policy) {
  const { timeout } = policy.defaults
  const bounds = loadBounds(loadSettings(item), timeout)
  const setup = setupJourney(item, policy)
  const setupRequests = setup ? journeyRequests(setup) : 0
  return {
    maxRequests: bounds.requests + bounds.warmupRequests + setupRequests,
    maxMs: bounds.windowMs + bounds.warmupMs + timeout + setupRequests * timeout
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
  // Each run's time cap, its warm-up, one timeout to drain, and its setup.
  extraTimeMs: (items, policy) =>
    items.reduce((sum, item) => sum + itemPlan(item, policy).maxMs, 0),
  plan: (items, policy) => {
    const plans = items.map(item => itemPlan(item, policy))
    return {
      maxRequests: plans.reduce((sum, plan) => sum + plan.maxRequests, 0),
      maxMs: plans.reduce((sum, plan) => sum + plan.maxMs, 0),
      basis: `${items.length} load runs, one after another, warm-up and setup included`
    }
  },
  units: (items, policy) =>
    items.map((item, index) => {
      const name = item.name ?? places(item).join(', ')
      const setup = setupJourney(item, policy)
      return {
        name,
        level: item.level,
        policyPath: ['latency', index],
        exclusive: true,
        async run(ctx) {
          const prepared = await prepareLoad(item, setup, ctx)
          const part = ctx.shard ? shardLoad(item, ctx.shard, name) : item
          const result = await runLoad({
            ...loadSettings(part),
            origin: prepared.origin,
            sources: ctx.shard
              ? prepared.sources.map(source =>
                  shardSequence(source, ctx.shard as Shard)
                )
              : prepared.sources,
            timeoutMs: ctx.http.timeoutMs,
            ca: ctx.ca,
            hostRule: ctx.http.hostRule,
            signal: ctx.signal,
            onProgress: progress => ctx.progress(progressLine(name, progress))
          })
          if (result.stoppedBy === 'cancelled') {
            throw new CheckError('cancelled: out of time')
          }
          const outcome = evaluateLatency(part, result, ctx.http.timeoutMs)
          const notes = [
            ...(outcome.notes ?? []),
            ...pathNotes(prepared.labels, result)
          ]
          const shard =
            ctx.shard && shardMeasurement(item, result, ctx.http.timeoutMs)
          return {
            ...outcome,
            ...(notes.length > 0 && { notes }),
            ...(shard && {
              metrics: { ...outcome.metrics, histogram: shard.histogram },
              shard
            }),
            secretValues: prepared.secrets
          }
        }
      }
    })
}

/** The item's paths, or its one path or URL, as written. */
function places(item: LatencyItem): string[] {
  return item.paths ?? [item.path ?? item.url ?? '/']
}

function setupJourney(item: LatencyItem, policy: Policy): Journey | undefined {
  if (item.setup === undefined) return undefined
  // The schema makes sure the journey exists.
  return policy.journeys?.find(journey => journey.name === item.setup)
}

/** What a load sends, ready for the engine. */
interface PreparedLoad {
  origin: URL
  sources: LoadRequestSource[]
  /** Path or URL of each source, as written. */
  labels: string[]
  /** Captured by the setup journey: masked, never reported. */
  secrets: string[]
}

/**
 * Runs the setup journey, then compiles one request source per path. The
 * parts without per-request templates are rendered once here, so a plain
 * GET costs the engine nothing and a templated body one render per request.
 */
async function prepareLoad(
  item: LatencyItem,
  setup: Journey | undefined,
  ctx: CheckContext
): Promise<PreparedLoad> {
  let values = commitScope(ctx.sha)
  let secrets: string[] = []
  let cookiesFor = async (_url: URL) => ''
  if (setup) {
    const run = await runJourney(setup, ctx)
    if (run.failure) {
      const { summary } = journeyOutcome(run)
      throw new CheckError(`setup journey ${setup.name} failed: ${summary}`)
    }
    values = new Map(run.scope.values)
    // Each load request gets its own seq, uuid and timestamp.
    for (const name of GENERATED_NAMES) values.delete(name)
    secrets = run.secrets
    cookiesFor = url => run.jar.getCookieString(url.href)
  }
  const labels = places(item)
  const shapes = labels.map(place =>
    item.paths ? { ...item, path: place, url: undefined } : item
  )
  let origin: URL | undefined
  const sources: LoadRequestSource[] = []
  for (const shape of shapes) {
    const request = new PreparedRequest(shape, ctx.target)
    // Renders every template once: a missing value fails here, not mid-load.
    const first = request.render({ values, seq: 0 })
    origin ??= first.url
    if (first.url.origin !== origin.origin) {
      throw new CheckError(
        `every path of a load test must be on one origin: ${first.url.origin} is not ${origin.origin}`
      )
    }
    const cookie = await cookiesFor(first.url)
    sources.push(
      loadSource(request, first, values, (rendered: RenderedRequest) => {
        const headers = ctx.http.headersFor(rendered.url, rendered.headers)
        if (cookie) {
          headers.cookie = headers.cookie
            ? `${headers.cookie}; ${cookie}`
            : cookie
        }
        return headers
      })
    )
  }
  return { origin: origin as URL, sources, labels, secrets }
}

/** One path's requests: fixed parts shared, per-request parts rendered. */
function loadSource(
  request: PreparedRequest,
  first: RenderedRequest,
  values: Scope['values'],
  headersOf: (rendered: RenderedRequest) => Record<string, string>
): LoadRequestSource {
  const method = request.method as Dispatcher.HttpMethod
  const fixed: LoadRequest = {
    path: first.url.pathname + first.url.search,
    method,
    headers: headersOf(first),
    body: first.body
  }
  const varies = request.perRequest
  if (!varies.url && !varies.headers && !varies.body) return () => fixed
  return seq => {
    const scope = { values, seq }
    const url = varies.url ? request.renderUrl(scope) : first.url
    return {
      path: varies.url ? url.pathname + url.search : fixed.path,
      method,
      headers: varies.headers
        ? headersOf({ ...first, url, headers: request.renderHeaders(scope) })
        : fixed.headers,
      body: varies.body ? request.renderBody(scope) : fixed.body
    }
  }
}

/** `/api/feed: 150 requests, p50 12 ms, p95 31 ms, 0 errors`, per path. */
function pathNotes(labels: readonly string[], result: LoadResult): string[] {
  return (result.byPath ?? []).map((path, index) => {
    const figures =
      path.latency.count > 0
        ? `p50 ${formatMs(path.latency.p50)}, p95 ${formatMs(path.latency.p95)}`
        : 'no successful responses'
    return `${labels[index]}: ${path.requests} requests, ${figures}, ${path.errors} errors`
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
  const notes = lowSampleNotes(budgets, latency.count)
  if (breaches.length > 0) {
    return { ok: false, summary: breaches.join(', '), metrics, findings, notes }
  }
  const p95 = formatMs(latency.p95)
  return {
    ok: true,
    summary: `p95 ${p95}, ${errors.total} errors in ${requests} requests, ${result.rps.toFixed(1)} req/s`,
    metrics,
    findings,
    notes
  }
}

/** Share of samples above a percentile: p95 → 0.05. */
const TAIL = { p50: 0.5, p90: 0.1, p95: 0.05, p99: 0.01 } as const

/**
 * A percentile rests on the few samples above it: p95 of fewer than 100
 * successes is decided by under 5 of them. Budgets judged from fewer than
 * 5 tail samples carry a "low sample" note.
 */
function lowSampleNotes(budgets: LatencyBudgets, successes: number): string[] {
  if (successes === 0) return []
  return (Object.keys(TAIL) as (keyof typeof TAIL)[])
    .filter(budget => budgets[budget] !== undefined)
    .filter(budget => successes * TAIL[budget] < 5)
    .map(
      budget =>
        `low sample: ${budget} from ${successes} successful responses (${Math.ceil(5 / TAIL[budget])} or more make it steady)`
    )
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
