/**
 * The load engine: an open model (`rate`, arrivals on a fixed schedule) and a
 * closed model (`concurrency`, N requests in flight), each bounded by a count
 * cap and a time cap. The open model sends through an undici Pool with a
 * minimal `dispatch()` handler (a request may wait for a free connection);
 * the closed model through one LoadConnection per slot (connection.ts).
 */
import { rootCertificates } from 'node:tls'
import { buildConnector, Pool, type Dispatcher } from 'undici'
import {
  describeNetworkError,
  networkErrorKind,
  type NetworkErrorKind
} from '../../net/http.ts'
import type { HostRule } from '../../net/host-rule.ts'
import {
  LoadConnection,
  requestBytes,
  type AnswerHandler
} from './connection.ts'
import { LatencyHistogram, type LatencyFigures } from './histogram.ts'

/** With neither `duration` nor `requests`, a check runs this long. */
export const DEFAULT_DURATION_MS = 10_000
/** With `requests` only, the run still stops after this long. */
export const REQUESTS_ONLY_TIME_CAP_MS = 60_000
/** With `duration` only, the closed model still stops after this many. */
export const MAX_REQUESTS = 1_000_000
export const DEFAULT_WARMUP_MS = 1000
/** The warm-up never sends more than this share of the measured requests... */
const WARMUP_SHARE = 0.1
/** ...and the open model never opens more connections than this. */
export const MAX_CONNECTIONS = 512
/**
 * With no HTTP answer at all yet, this many connection failures in a row end
 * the run early: hammering a refused port for the whole duration proves
 * nothing more.
 */
export const CONNECTION_FAILURE_LIMIT = 50
/**
 * Housekeeping (timeouts, phase changes, time cap) runs this often. It is
 * also the only request timeout: undici's own headers and body timers would
 * re-arm a timer on every request, which costs CPU at full speed.
 */
const TICK_MS = 25
/**
 * Open model: a request goes out up to this early rather than a timer tick
 * late (Node's timers fire up to ~1 ms after their due time); one sent early
 * counts its latency from the send, so nothing is understated.
 */
const EARLY_US = 1000
const PROGRESS_EVERY_MS = 500

/** Exactly one model per check (the schema enforces it). */
export type LoadModel =
  { kind: 'rate'; rate: number } | { kind: 'concurrency'; concurrency: number }

/** The policy keys that shape a run, durations in milliseconds. */
export interface LoadSettings {
  model: LoadModel
  duration?: number
  requests?: number
  warmup?: number
}

/** Counts and time caps of one run, every default filled in. */
export interface LoadBounds {
  /** Measured requests, at most. */
  requests: number
  /** Measured time, at most (the warm-up and the drain come on top). */
  windowMs: number
  warmupMs: number
  /** Warm-up requests, at most. */
  warmupRequests: number
  /** Pool size. */
  connections: number
}

/**
 * Fills in the defaults (documented in docs/checks/latency.md), so that every
 * run has a count cap and a time cap whatever the policy says.
 */
export function loadBounds(
  settings: LoadSettings,
  timeoutMs: number
): LoadBounds {
  const { model } = settings
  const windowMs =
    settings.duration ??
    (settings.requests === undefined
      ? DEFAULT_DURATION_MS
      : REQUESTS_ONLY_TIME_CAP_MS)
  const scheduled =
    model.kind === 'rate'
      ? Math.max(1, Math.ceil((model.rate * windowMs) / 1000))
      : MAX_REQUESTS
  const requests = Math.min(settings.requests ?? scheduled, scheduled)
  const slots =
    model.kind === 'concurrency'
      ? model.concurrency
      : Math.min(
          MAX_CONNECTIONS,
          Math.max(1, Math.ceil((model.rate * timeoutMs) / 1000))
        )
  const warmupMs = settings.warmup ?? DEFAULT_WARMUP_MS
  let warmupRequests = 0
  if (warmupMs > 0) {
    warmupRequests = Math.max(
      model.kind === 'concurrency' ? slots : 1,
      Math.ceil(requests * WARMUP_SHARE)
    )
    if (model.kind === 'rate') {
      warmupRequests = Math.min(
        warmupRequests,
        Math.ceil((model.rate * warmupMs) / 1000)
      )
    }
  }
  return { requests, windowMs, warmupMs, warmupRequests, connections: slots }
}

export type ErrorKind = 'status' | NetworkErrorKind

/** Failed requests, by kind and by status code. */
export interface ErrorCounts {
  total: number
  byKind: Record<ErrorKind, number>
  /** Status code → count, for answers outside 200–399. */
  byStatus: Record<string, number>
  /** One-line reasons of `other` failures, with counts (a few distinct ones). */
  otherReasons: Record<string, number>
}

/** Why the run stopped sending. */
export type StopReason =
  'requests' | 'duration' | 'connection-failures' | 'cancelled'

/** What a run measured; the warm-up is not in it. */
export interface LoadResult {
  /** From the intended start (open model) or the send (closed model). */
  latency: LatencyFigures
  /**
   * From the moment a connection took the request: what a tool that ignores
   * coordinated omission reports. Differs from `latency` when requests had
   * to wait for a free connection.
   */
  serviceTime: LatencyFigures
  /** The successful latencies themselves, for shard reports to merge. */
  histogram: LatencyHistogram
  /** The measured window in epoch milliseconds, for shards to line up. */
  window: { start: number; end: number }
  /** Measured requests that ended, successfully or not. */
  requests: number
  errors: ErrorCounts
  /** Measured requests per second, from the first measured start to the last end. */
  rps: number
  elapsedMs: number
  stoppedBy: StopReason
  bounds: LoadBounds
  /** Per path, in the order of `sources`, when there are several. */
  byPath?: PathFigures[]
}

/** A live look at a run, for the progress line. */
export interface LoadProgress {
  phase: 'warm-up' | 'load' | 'drain'
  requests: number
  p95Ms: number
  errors: number
}

/** One request of a load test. */
export interface LoadRequest {
  /** Path plus query, on the run's origin. */
  path: string
  method: Dispatcher.HttpMethod
  headers: Record<string, string>
  body: string | undefined
}

/**
 * Makes the request numbered `seq` (from 1, warm-up included) for one path.
 * A request without per-request templates returns one object every time.
 */
export type LoadRequestSource = (seq: number) => LoadRequest

/** The figures of one path of a run with several. */
export interface PathFigures {
  requests: number
  errors: number
  latency: LatencyFigures
}

export interface LoadOptions extends LoadSettings {
  /** Every request goes to this origin. */
  origin: URL
  /** One request source per path, spread round-robin. */
  sources: readonly LoadRequestSource[]
  timeoutMs: number
  /** Extra trusted CA certificates (PEM). */
  ca?: readonly string[]
  /** The host rule of §7.0, applied when each connection opens. */
  hostRule?: HostRule
  /** Overrides the pool size (the benchmark mimics a one-connection tool). */
  connections?: number
  signal: AbortSignal
  onProgress?(progress: LoadProgress): void
}

const MAX_OTHER_REASONS = 5

class TimeoutError extends Error {
  override readonly name = 'TimeoutError'
}

/**
 * One request: its handler (undici's in the open model, a LoadConnection's
 * in the closed one). It records nothing itself; the run settles it exactly
 * once, on the end of the body, an error or a timeout.
 */
class Exchange implements Dispatcher.DispatchHandler, AnswerHandler {
  controller: Dispatcher.DispatchController | undefined
  status = 0
  /** Its place in the run's in-flight list; -1 once settled. */
  inFlightIndex = -1
  /** Closed model: the slot that sends the next request when this one ends. */
  readonly slot: number
  /** Which of the run's request sources made it. */
  readonly source: number
  settled = false
  /** When a connection took it from the pool's queue (open model only). */
  writtenUs: number | undefined
  private readonly run: LoadRun
  /** When the latency clock starts: the intended start (open model). */
  readonly startUs: number
  /** When it was handed to the pool: the timeout runs from here. */
  readonly sentUs: number
  readonly measured: boolean

  constructor(
    run: LoadRun,
    startUs: number,
    sentUs: number,
    measured: boolean,
    slot: number,
    source: number
  ) {
    this.run = run
    this.slot = slot
    this.source = source
    this.startUs = startUs
    this.sentUs = sentUs
    this.measured = measured
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Timed out while still queued in the pool: never send it.
    if (this.settled) controller.abort(new TimeoutError('timed out'))
    else {
      this.controller = controller
      if (this.run.open) this.writtenUs = this.run.nowUs()
    }
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number
  ): void {
    this.status = statusCode
  }

  // The body is read (and dropped) to its end before the sample counts.
  onResponseData(): void {}

  onResponseEnd(): void {
    this.run.settle(this, undefined)
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error) {
    this.run.settle(this, error)
  }

  onAnswer(status: number): void {
    this.status = status
    this.run.settle(this, undefined)
  }

  onFailure(error: Error): void {
    this.run.settle(this, error)
  }
}

/** Runs one load test to its end; never throws for network failures. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new LoadRun(options).done
}

class LoadRun {
  readonly done: Promise<LoadResult>
  private resolve!: (result: LoadResult) => void
  private readonly options: LoadOptions
  private readonly bounds: LoadBounds
  /** Open model: any free connection takes the next request. */
  private readonly pool: Pool | undefined
  /**
   * Closed model: slot i always sends on connection i mod connections, the
   * next request written as the previous answer ends. Through undici (a
   * Pool, then one Client per slot) each request cost ~2 µs of CPU more than
   * autocannon: see connection.ts.
   */
  private readonly connections: LoadConnection[] = []
  private readonly histogram = new LatencyHistogram()
  private readonly serviceHistogram = new LatencyHistogram()
  /** Open model (`rate`), as opposed to closed (`concurrency`). */
  readonly open: boolean
  private readonly errors: ErrorCounts = {
    total: 0,
    byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
    byStatus: {},
    otherReasons: {}
  }
  /**
   * Requests in flight, for the timeout sweep: an array with swap-remove, not
   * a Set. Under add/delete churn V8 rehashes a Set and keeps each old table
   * linked to its successor; those dead tables reach ended requests through
   * every young-generation GC, so almost every request got promoted (peak RSS
   * ~270 MB for 100 000 requests, and GC time on the hot path).
   */
  private readonly inFlight: Exchange[] = []
  private readonly t0Us = performance.now() * 1000
  private readonly t0Epoch = Date.now()
  private readonly timeoutUs: number
  /** Per-path counts, only when there are several paths. */
  private readonly byPath:
    | { requests: number; errors: number; histogram: LatencyHistogram }[]
    | undefined
  /**
   * Per source: the last request it made and the dispatch options made from
   * it. A source with no per-request templates returns the same request
   * every time, which then costs no new options object nor body encoding.
   */
  private readonly lastRequests: (LoadRequest | undefined)[]
  private readonly lastDispatches: Dispatcher.DispatchOptions[] = []
  /** Closed model: the bytes of each source's last request. */
  private readonly lastBytes: (Buffer | Error)[] = []
  private tick: NodeJS.Timeout | undefined
  private schedule: NodeJS.Timeout | undefined
  private lastProgressUs = 0

  /** Requests dispatched so far, warm-up included: the last `seq`. */
  private sent = 0
  /** Open model: index of the next scheduled request; the first measured one. */
  private openNext = 0
  private warmupCount: number
  private warmupSent = 0
  private measuredSent = 0
  private measuredDone = 0
  private warming: boolean
  private measureStartUs = 0
  private windowEndUs = Infinity
  private lastEndUs = 0
  private stopReason: StopReason | undefined
  private answered = false
  private connectionFailuresInARow = 0
  private finished = false

  constructor(options: LoadOptions) {
    this.options = options
    this.open = options.model.kind === 'rate'
    this.bounds = loadBounds(options, options.timeoutMs)
    this.timeoutUs = options.timeoutMs * 1000
    if (options.sources.length > 1) {
      this.byPath = options.sources.map(() => ({
        requests: 0,
        errors: 0,
        histogram: new LatencyHistogram()
      }))
    }
    this.lastRequests = options.sources.map(() => undefined)
    this.warmupCount = this.bounds.warmupRequests
    this.warming = this.warmupCount > 0
    const connections = options.connections ?? this.bounds.connections
    const connect = {
      timeout: options.timeoutMs,
      ...(options.ca?.length
        ? { ca: [...rootCertificates, ...options.ca] }
        : {})
    }
    const clientOptions = {
      pipelining: 1,
      // Checked once per connection, never per request.
      connect: options.hostRule
        ? options.hostRule.connector(connect)
        : buildConnector(connect)
    }
    if (this.open) {
      this.pool = new Pool(options.origin.origin, {
        ...clientOptions,
        connections
      })
    } else {
      for (let i = 0; i < connections; i++) {
        this.connections.push(
          new LoadConnection(options.origin, clientOptions.connect)
        )
      }
    }
    this.done = new Promise(resolve => (this.resolve = resolve))
    if (options.signal.aborted) {
      this.stop('cancelled')
      return
    }
    options.signal.addEventListener('abort', this.onAbort, { once: true })
    this.tick = setInterval(() => this.housekeeping(), TICK_MS)
    if (options.model.kind === 'rate') this.startOpen(options.model.rate)
    else this.startClosed(options.model.concurrency)
  }

  private readonly onAbort = () => this.stop('cancelled')

  /** Microseconds since the run began (a double: no BigInt per reading). */
  nowUs(): number {
    return performance.now() * 1000 - this.t0Us
  }

  /** Open model: request i is due at i / rate, whether or not others ended. */
  private startOpen(rate: number) {
    // The schedule is the count cap and the time cap at once.
    const cappedBy: StopReason =
      this.options.requests !== undefined &&
      this.bounds.requests < (rate * this.bounds.windowMs) / 1000
        ? 'requests'
        : 'duration'
    const dueUs = (index: number) => (index * 1e6) / rate
    this.measureStartUs = dueUs(this.warmupCount)
    const fire = () => {
      this.schedule = undefined
      if (this.stopReason) return
      const now = this.nowUs()
      const total = this.warmupCount + this.bounds.requests
      // Every request due by the next wake-up goes now: one timer per
      // wake-up, not one per request.
      while (this.openNext < total && dueUs(this.openNext) <= now + EARLY_US) {
        const measured = this.openNext >= this.warmupCount
        this.warming = !measured
        const due = dueUs(this.openNext)
        this.dispatch(Math.min(due, now), now, measured, -1)
        this.openNext++
      }
      if (this.openNext >= total) return this.stop(cappedBy)
      this.schedule = setTimeout(
        fire,
        (dueUs(this.openNext) - EARLY_US - now) / 1000
      )
    }
    fire()
  }

  /**
   * A target that cannot be reached has nothing to warm up; ending the
   * warm-up there puts the failures in the report instead of dropping them.
   */
  private endWarmupEarly() {
    const { model } = this.options
    if (model.kind === 'rate') {
      this.warmupCount = this.openNext
      this.measureStartUs = (this.openNext * 1e6) / model.rate
      this.warming = false
    } else this.beginMeasuring(this.nowUs())
  }

  /** Closed model: each of N slots sends its next request when one ends. */
  private startClosed(concurrency: number) {
    if (!this.warming) this.beginMeasuring(this.nowUs())
    for (let slot = 0; slot < concurrency; slot++) {
      this.sendClosed(this.nowUs(), slot)
    }
  }

  private beginMeasuring(now: number) {
    this.warming = false
    this.measureStartUs = now
    this.windowEndUs = now + this.bounds.windowMs * 1000
  }

  /** `now` is when the previous request ended: one clock read serves both. */
  private sendClosed(now: number, slot: number) {
    if (this.stopReason) return
    if (
      this.warming &&
      (now >= this.bounds.warmupMs * 1000 ||
        this.warmupSent >= this.bounds.warmupRequests)
    ) {
      this.beginMeasuring(now)
    }
    if (!this.warming) {
      if (this.measuredSent >= this.bounds.requests)
        return this.stop('requests')
      if (now >= this.windowEndUs) return this.stop('duration')
    }
    this.dispatch(now, now, !this.warming, slot)
  }

  /** `slot` is -1 in the open model. */
  private dispatch(
    startUs: number,
    now: number,
    measured: boolean,
    slot: number
  ) {
    if (measured) this.measuredSent++
    else this.warmupSent++
    const { sources } = this.options
    const source = this.sent % sources.length
    const request = sources[source](++this.sent)
    const fresh = request !== this.lastRequests[source]
    this.lastRequests[source] = request
    const exchange = new Exchange(this, startUs, now, measured, slot, source)
    exchange.inFlightIndex = this.inFlight.push(exchange) - 1
    if (this.pool) {
      if (fresh) this.lastDispatches[source] = dispatchOptions(request)
      this.pool.dispatch(this.lastDispatches[source], exchange)
      return
    }
    if (fresh) this.lastBytes[source] = bytesOf(request, this.options.origin)
    const bytes = this.lastBytes[source]
    // Never settled inside dispatch(): the caller may be settling another.
    if (bytes instanceof Error) queueMicrotask(() => exchange.onFailure(bytes))
    else this.connectionOf(slot).send(bytes, request.method, exchange)
  }

  private connectionOf(slot: number): LoadConnection {
    return this.connections[slot % this.connections.length]
  }

  /** Records how one request ended; called once per request. */
  settle(exchange: Exchange, error: Error | undefined) {
    if (exchange.settled) return
    exchange.settled = true
    this.removeInFlight(exchange)
    if (this.finished) return
    const now = this.nowUs()
    const kind = error ? errorKind(error) : undefined
    if (kind === undefined) {
      this.answered = true
      this.connectionFailuresInARow = 0
    } else if (kind === 'refused' || kind === 'other') {
      this.connectionFailuresInARow++
      if (this.warming && !this.answered) this.endWarmupEarly()
    }
    if (exchange.measured) {
      this.measuredDone++
      this.lastEndUs = now
      const path = this.byPath?.[exchange.source]
      if (path) path.requests++
      if (error || exchange.status < 200 || exchange.status >= 400) {
        if (error) this.countError(kind as ErrorKind, error)
        else this.countError('status', undefined, exchange.status)
        if (path) path.errors++
      } else {
        this.histogram.recordMicros(now - exchange.startUs)
        path?.histogram.recordMicros(now - exchange.startUs)
        if (this.open) {
          this.serviceHistogram.recordMicros(
            now - (exchange.writtenUs ?? exchange.sentUs)
          )
        }
      }
    }
    if (
      !this.answered &&
      this.connectionFailuresInARow >= CONNECTION_FAILURE_LIMIT
    ) {
      return this.stop('connection-failures')
    }
    if (this.stopReason) return this.finishIfDrained()
    if (this.options.model.kind === 'concurrency') {
      // A failure can be reported inside dispatch(); sending the next one
      // there would recurse, so it waits for the next turn.
      const { slot } = exchange
      if (error) setImmediate(() => this.sendClosed(this.nowUs(), slot))
      else this.sendClosed(now, slot)
    }
  }

  private removeInFlight(exchange: Exchange) {
    const last = this.inFlight.pop() as Exchange
    if (last !== exchange) {
      this.inFlight[exchange.inFlightIndex] = last
      last.inFlightIndex = exchange.inFlightIndex
    }
    exchange.inFlightIndex = -1
  }

  private countError(kind: ErrorKind, error?: Error, status?: number) {
    this.errors.total++
    this.errors.byKind[kind]++
    if (status !== undefined) {
      this.errors.byStatus[status] = (this.errors.byStatus[status] ?? 0) + 1
    }
    if (kind === 'other' && error) {
      const reason = describeNetworkError(error, this.options.origin)
      const reasons = this.errors.otherReasons
      if (reason in reasons) reasons[reason]++
      else if (Object.keys(reasons).length < MAX_OTHER_REASONS) {
        reasons[reason] = 1
      }
    }
  }

  /** Times out requests, moves between phases, enforces the time cap. */
  private housekeeping() {
    const now = this.nowUs()
    // Backwards: settling one moves the last (already seen or just sent)
    // into its place, and requests sent meanwhile are appended behind.
    for (let i = this.inFlight.length - 1; i >= 0; i--) {
      const exchange = this.inFlight[i]
      if (!exchange || now - exchange.sentUs < this.timeoutUs) continue
      const error = new TimeoutError('timed out')
      this.settle(exchange, error)
      if (this.pool) exchange.controller?.abort(error)
      else this.connectionOf(exchange.slot).abort()
    }
    if (this.finished) return
    if (this.options.model.kind === 'concurrency' && !this.stopReason) {
      if (this.warming && now >= this.bounds.warmupMs * 1000) {
        this.beginMeasuring(now)
      }
      if (now >= this.windowEndUs) this.stop('duration')
    }
    if (now - this.lastProgressUs >= PROGRESS_EVERY_MS * 1000) {
      this.lastProgressUs = now
      this.options.onProgress?.({
        phase: this.stopReason ? 'drain' : this.warming ? 'warm-up' : 'load',
        requests: this.measuredDone,
        p95Ms: this.histogram.percentileMs(95),
        errors: this.errors.total
      })
    }
    this.finishIfDrained()
  }

  /**
   * Stops sending. Requests in flight may still end within their own
   * timeout (so the run ends at most one timeout after its time cap), except
   * when cancelled or when nothing answers at all.
   */
  private stop(reason: StopReason) {
    if (this.stopReason) return
    this.stopReason = reason
    if (this.schedule) clearTimeout(this.schedule)
    if (reason === 'cancelled' || reason === 'connection-failures') {
      this.finish()
      return
    }
    this.finishIfDrained()
  }

  private finishIfDrained() {
    if (this.stopReason && this.inFlight.length === 0) this.finish()
  }

  private finish() {
    if (this.finished) return
    this.finished = true
    clearInterval(this.tick)
    if (this.schedule) clearTimeout(this.schedule)
    this.options.signal.removeEventListener('abort', this.onAbort)
    // Whatever is still queued or in flight is dropped with the connections.
    this.pool?.destroy().catch(() => {})
    for (const connection of this.connections) connection.destroy()
    const elapsedUs = Math.max(0, this.lastEndUs - this.measureStartUs)
    this.resolve({
      latency: this.histogram.figures(),
      // A closed-model request never waits for a connection: one per slot.
      serviceTime: (this.open
        ? this.serviceHistogram
        : this.histogram
      ).figures(),
      histogram: this.histogram,
      window: {
        start: this.t0Epoch + this.measureStartUs / 1000,
        end: this.t0Epoch + this.lastEndUs / 1000
      },
      requests: this.measuredDone,
      errors: this.errors,
      rps: elapsedUs > 0 ? (this.measuredDone * 1e6) / elapsedUs : 0,
      elapsedMs: elapsedUs / 1000,
      stoppedBy: this.stopReason as StopReason,
      bounds: this.bounds,
      byPath: this.byPath?.map(path => ({
        requests: path.requests,
        errors: path.errors,
        latency: path.histogram.figures()
      }))
    })
  }
}

/** A request as bytes, or why it cannot be sent (counted as a failure). */
function bytesOf(request: LoadRequest, origin: URL): Buffer | Error {
  try {
    return requestBytes(request, origin.host)
  } catch (error) {
    return error as Error
  }
}

function dispatchOptions(request: LoadRequest): Dispatcher.DispatchOptions {
  return {
    path: request.path,
    method: request.method,
    headers: request.headers,
    // undici would encode a string body again for every request.
    body: request.body === undefined ? undefined : Buffer.from(request.body),
    // The run's own sweep times requests out (see TICK_MS).
    headersTimeout: 0,
    bodyTimeout: 0
  }
}

/** Sorts a failure into the kinds the finding reports. */
function errorKind(error: unknown): Exclude<ErrorKind, 'status'> {
  if (error instanceof TimeoutError) return 'timeout'
  return networkErrorKind(error)
}
