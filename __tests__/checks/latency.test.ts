import { LatencyHistogram } from '../../src/checks/latency/histogram.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadChecks } from '../../src/checks/registry.ts'
import {
  evaluateLatency,
  latencyCheck,
  progressLine,
  type LatencyBudgets
} from '../../src/checks/latency/index.ts'
import {
  DEFAULT_DURATION_MS,
  MAX_CONNECTIONS,
  MAX_REQUESTS,
  REQUESTS_ONLY_TIME_CAP_MS,
  loadBounds,
  type LoadResult
} from '../../src/checks/latency/load.ts'
import { runChecks } from '../../src/engine/run.ts'
import { policyFrom, testContext } from '../support/context.ts'
import {
  refusedPort,
  startServer,
  type TestServer
} from '../support/http-server.ts'

let site: TestServer
const hits = new Map<string, number>()
let stallUntil = 0
/** Client ports seen on /conn: one per connection the engine opened. */
const connPorts = new Set<number>()

/** Counts requests per path, so each endpoint's pattern is exact. */
function hit(path: string): number {
  const count = hits.get(path) ?? 0
  hits.set(path, count + 1)
  return count
}

beforeAll(async () => {
  site = await startServer((req, res) => {
    const path = req.url ?? '/'
    const n = hit(path)
    switch (path) {
      case '/fast':
      case '/other':
        return res.end('ok')
      case '/bimodal':
        // Exactly one in ten is slow: the true p95 is the slow value.
        return void setTimeout(() => res.end('ok'), n % 10 === 9 ? 200 : 20)
      case '/flaky':
        // Exactly 3 in every 100 fail.
        res.writeHead(n % 100 < 3 ? 503 : 200)
        return res.end()
      case '/stall': {
        // The 25th request (half a second in at 50/s) freezes the endpoint
        // for a second: everything that arrives meanwhile waits it out.
        if (n === 25) stallUntil = Date.now() + 1000
        const wait = Math.max(0, stallUntil - Date.now())
        return void setTimeout(() => res.end('ok'), wait)
      }
      case '/slow-body':
        // Headers at once, the body a while later.
        res.writeHead(200)
        res.write('first part ')
        return void setTimeout(() => res.end('rest'), 150)
      case '/hang':
        return // never answers
      case '/hang-every-4th':
        if (n % 4 === 3) return
        return res.end('ok')
      case '/conn':
        connPorts.add(req.socket.remotePort ?? 0)
        return res.end('ok')
      default:
        res.writeHead(404)
        return res.end()
    }
  })
})
afterAll(() => site.close())

async function runLatency(
  item: string,
  opts: {
    timeoutMs?: number
    target?: string
    headers?: Record<string, string>
  } = {}
) {
  const target = opts.target ?? site.url
  const { policy } = policyFrom(`version: 1\nlatency:\n  - ${item}\n`)
  const [unit] = latencyCheck.units(policy.latency ?? [], policy)
  const progress: string[] = []
  const ctx = testContext({
    target: new URL(target),
    progress: line => progress.push(line),
    httpOptions: {
      timeoutMs: opts.timeoutMs ?? 5000,
      targetOrigin: new URL(target).origin,
      targetHeaders: opts.headers
    }
  })
  try {
    return { unit, outcome: await unit.run(ctx), progress }
  } finally {
    await ctx.http.close()
  }
}

describe('latency check against real servers', () => {
  it('is registered, named by name or by its paths, and runs alone', async () => {
    expect((await loadChecks(['latency'])).latency).toBe(latencyCheck)
    const { policy } = policyFrom(
      'version: 1\nlatency:\n  - { name: core, paths: [/a], rate: 1 }\n  - { paths: [/a, /b], concurrency: 2 }\n'
    )
    const units = latencyCheck.units(policy.latency ?? [], policy)
    expect(units.map(u => u.name)).toEqual(['core', '/a, /b'])
    expect(units.every(u => u.exclusive)).toBe(true)
    expect(units[1].policyPath).toEqual(['latency', 1])
  })

  it('measures a known distribution: p95 is the slow mode', async () => {
    const { outcome } = await runLatency(
      '{ paths: [/bimodal], rate: 50, requests: 100, warmup: 0s, p95: 1s, p50: 1s }'
    )
    expect(outcome.ok).toBe(true)
    const m = outcome.metrics as Record<string, number>
    expect(m.requests).toBe(100)
    expect(m.error_rate).toBe(0)
    // True p95 = 200 ms and p50 = 20 ms; wide margins for a busy machine.
    expect(m.p95_ms).toBeGreaterThanOrEqual(200)
    expect(m.p95_ms).toBeLessThan(350)
    expect(m.p50_ms).toBeGreaterThanOrEqual(20)
    expect(m.p50_ms).toBeLessThan(150)
    expect(m.max_ms).toBeGreaterThanOrEqual(m.p99_ms)
    expect(outcome.summary).toMatch(
      /^p95 \d+ ms, 0 errors in 100 requests, [\d.]+ req\/s$/
    )
    for (const key of ['p90_ms', 'rps', 'successes'])
      expect(m).toHaveProperty(key)
  })

  it('counts 3 % of 503s as a 0.03 error rate and fails a 0.01 budget', async () => {
    hits.delete('/flaky')
    const { outcome } = await runLatency(
      '{ paths: [/flaky], concurrency: 10, requests: 1000, warmup: 0s, error_rate: 0.01 }'
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.metrics).toMatchObject({
      requests: 1000,
      errors: 30,
      error_rate: 0.03
    })
    expect(outcome.summary).toBe('error_rate 0.03 > 0.01')
    expect(outcome.findings?.map(f => f.message)).toContain(
      '30 of 1000 requests failed (3 %): 30 × status 503'
    )
  })

  it('shows a one-second stall in the open model p99', async () => {
    hits.delete('/stall')
    const { outcome } = await runLatency(
      '{ paths: [/stall], rate: 50, requests: 150, warmup: 0s, p99: 300ms }'
    )
    const m = outcome.metrics as Record<string, number>
    expect(m.requests).toBe(150)
    // Arrivals during the stall wait up to a second from their intended start.
    expect(m.p99_ms).toBeGreaterThan(500)
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toMatch(/^p99 \d+ ms > 300 ms$/)
  })

  it('fails, not crashes, on a refused port: every request an error', async () => {
    const { outcome } = await runLatency(
      '{ paths: [/], concurrency: 4, duration: 2s, p95: 300ms, error_rate: 0.01 }',
      { target: await refusedPort() }
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe('p95 no data, error_rate 1 > 0.01')
    const m = outcome.metrics as Record<string, number>
    expect(m.requests).toBeGreaterThan(0)
    expect(m.errors).toBe(m.requests)
    expect(m.successes).toBe(0)
    const messages = outcome.findings?.map(f => f.message).join('\n')
    expect(messages).toMatch(
      /requests failed \(100 %\): \d+ × connection refused/
    )
    expect(messages).toContain('stopped early')
  })

  it('reports a refused port as a failed check through the engine', async () => {
    const loaded = policyFrom(
      `version: 1\nlatency:\n  - { name: api, paths: [/], rate: 20, duration: 1s, p95: 300ms }\n`
    )
    const ctx = testContext({ target: new URL(await refusedPort()) })
    const { signal: _signal, ...context } = ctx
    try {
      const report = await runChecks({
        loaded,
        context,
        checks: { latency: latencyCheck },
        deadlineMs: 60_000
      })
      expect(report.checks).toHaveLength(1)
      expect(report.checks[0]).toMatchObject({
        kind: 'latency',
        name: 'api',
        status: 'fail'
      })
      expect(report.result).toBe('fail')
    } finally {
      await ctx.http.close()
    }
  })

  it('ends a 3s open-model run against a hanging server, all timeouts', async () => {
    const { outcome } = await runLatency(
      '{ paths: [/hang], rate: 10, duration: 3s, warmup: 0s, p95: 1s }',
      { timeoutMs: 1000 }
    )
    expect(outcome.ok).toBe(false)
    // 10/s for 3 s: exactly 30 sent, each ended by its 1 s timeout.
    expect(outcome.metrics).toMatchObject({
      requests: 30,
      errors: 30,
      successes: 0
    })
    expect(outcome.summary).toBe('p95 no data')
    expect(outcome.findings?.map(f => f.message)).toContain(
      '30 of 30 requests failed (100 %): 30 × timeout (no complete answer within 1s)'
    )
  })

  it('ends a 3s closed-model run against a hanging server', async () => {
    const { outcome } = await runLatency(
      '{ paths: [/hang], concurrency: 5, duration: 3s, warmup: 0s }',
      { timeoutMs: 1000 }
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe('no successful responses')
    const m = outcome.metrics as Record<string, number>
    // Each slot sends one request per 1 s timeout: about 3 rounds of 5.
    expect(m.requests).toBeGreaterThanOrEqual(5)
    expect(m.requests).toBeLessThanOrEqual(25)
    expect(m.errors).toBe(m.requests)
  })

  it('times out requests in the middle of a closed-model run and goes on', async () => {
    // Every 4th request hangs while the others end at once, so timeouts and
    // answers interleave in the in-flight list; the run still ends exactly.
    const { outcome } = await runLatency(
      '{ paths: [/hang-every-4th], concurrency: 8, requests: 40, warmup: 0s }',
      { timeoutMs: 500 }
    )
    expect(outcome.metrics).toMatchObject({
      requests: 40,
      errors: 10,
      successes: 30
    })
    expect(outcome.findings?.map(f => f.message)).toContain(
      '10 of 40 requests failed (25 %): 10 × timeout (no complete answer within 500ms)'
    )
  })

  it('opens one connection per closed-model slot and reuses it', async () => {
    connPorts.clear()
    const { outcome } = await runLatency(
      '{ paths: [/conn], concurrency: 6, requests: 120, warmup: 0s }'
    )
    expect(outcome.metrics).toMatchObject({ requests: 120, errors: 0 })
    expect(connPorts.size).toBe(6)
  })

  it('stops the closed model at the request count, spread round-robin', async () => {
    site.requests.length = 0
    const { outcome } = await runLatency(
      '{ paths: [/fast, /other], concurrency: 4, requests: 40, warmup: 0s, max: 5s }',
      { headers: { 'X-Bypass': 'secret-token' } }
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.metrics).toMatchObject({ requests: 40, errors: 0 })
    const paths = site.requests.map(r => r.path)
    expect(paths).toHaveLength(40)
    expect(paths.filter(p => p === '/fast')).toHaveLength(20)
    expect(
      site.requests.every(r => r.headers['x-bypass'] === 'secret-token')
    ).toBe(true)
  })

  it('sends a warm-up first and leaves it out of the figures', async () => {
    site.requests.length = 0
    const { outcome } = await runLatency(
      '{ paths: [/fast], concurrency: 2, requests: 20, warmup: 5s }'
    )
    expect(outcome.metrics).toMatchObject({ requests: 20 })
    // A tenth of the requests, and at least one per connection.
    expect(site.requests).toHaveLength(22)
  })

  it('times the whole body, not just the headers', async () => {
    const { outcome } = await runLatency(
      '{ paths: [/slow-body], concurrency: 2, requests: 6, warmup: 0s }'
    )
    expect(outcome.ok).toBe(true)
    expect(
      (outcome.metrics as Record<string, number>).p50_ms
    ).toBeGreaterThanOrEqual(150)
  })

  it('reports progress with requests, p95 and errors', async () => {
    const { progress } = await runLatency(
      '{ name: live, paths: [/fast], rate: 20, duration: 2s, warmup: 0s }'
    )
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toMatch(
      /^latency live: \d+ requests, p95 [\d.]+ ms, 0 errors/
    )
  })

  it('stops when the run is cancelled and says so', async () => {
    const { policy } = policyFrom(
      'version: 1\nlatency:\n  - { paths: [/hang], rate: 5, duration: 30s }\n'
    )
    const [unit] = latencyCheck.units(policy.latency ?? [], policy)
    const ctx = testContext({
      target: new URL(site.url),
      signal: AbortSignal.timeout(300)
    })
    try {
      await expect(unit.run(ctx)).rejects.toThrow('cancelled: out of time')
    } finally {
      await ctx.http.close()
    }
  })

  it('needs a target URL', async () => {
    const { policy } = policyFrom(
      'version: 1\nlatency:\n  - { paths: [/], rate: 5 }\n'
    )
    const [unit] = latencyCheck.units(policy.latency ?? [], policy)
    const ctx = testContext()
    await expect(unit.run(ctx)).rejects.toThrow('no target URL for /')
    await ctx.http.close()
  })
})

function result(
  overrides: Partial<LoadResult> & { count?: number } = {}
): LoadResult {
  const { count = 100, ...rest } = overrides
  const figures = { count, p50: 20, p90: 30, p95: 45, p99: 90, max: 120 }
  return {
    latency: figures,
    serviceTime: figures,
    histogram: new LatencyHistogram(),
    window: { start: 0, end: 1000 },
    requests: 100,
    errors: {
      total: 0,
      byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
      byStatus: {},
      otherReasons: {}
    },
    rps: 20,
    elapsedMs: 5000,
    stoppedBy: 'duration',
    bounds: {
      requests: 100,
      windowMs: 5000,
      warmupMs: 1000,
      warmupRequests: 10,
      connections: 20
    },
    ...rest
  }
}

function failures(total: number, extra: Partial<LoadResult['errors']> = {}) {
  return {
    total,
    byKind: { status: 0, timeout: 0, reset: 0, refused: 0, other: 0 },
    byStatus: {},
    otherReasons: {},
    ...extra
  }
}

describe('evaluateLatency', () => {
  const cases: {
    title: string
    budgets: LatencyBudgets
    result: LoadResult
    ok: boolean
    summary: string | RegExp
  }[] = [
    {
      title: 'within every budget',
      budgets: { p50: 50, p95: 300, max: 500, error_rate: 0.01 },
      result: result(),
      ok: true,
      summary: 'p95 45 ms, 0 errors in 100 requests, 20.0 req/s'
    },
    {
      title: 'no budgets: measures only',
      budgets: {},
      result: result({
        latency: { count: 3, p50: 2.25, p90: 3, p95: 3.04, p99: 4, max: 4 }
      }),
      ok: true,
      summary: /^p95 3 ms, /
    },
    {
      title: 'a breached p95 names measured and allowed',
      budgets: { p95: 300 },
      result: result({
        latency: {
          count: 100,
          p50: 31,
          p90: 200,
          p95: 412.4,
          p99: 530,
          max: 600
        }
      }),
      ok: false,
      summary: 'p95 412 ms > 300 ms'
    },
    {
      title: 'each breached budget, in order',
      budgets: { p50: 10, p95: 300, p99: 100, max: 1000, error_rate: 0.01 },
      result: result({ requests: 200, errors: failures(6) }),
      ok: false,
      summary: 'p50 20 ms > 10 ms, error_rate 0.03 > 0.01'
    },
    {
      title: 'a value just over its limit shows the digits that differ',
      budgets: { p95: 300 },
      result: result({
        latency: {
          count: 100,
          p50: 31,
          p90: 200,
          p95: 300.4,
          p99: 530,
          max: 600
        }
      }),
      ok: false,
      summary: 'p95 300.4 ms > 300.0 ms'
    },
    {
      title: 'equal to the limit passes',
      budgets: { p95: 45, error_rate: 0.03 },
      result: result({ errors: failures(3) }),
      ok: true,
      summary: 'p95 45 ms, 3 errors in 100 requests, 20.0 req/s'
    },
    {
      title: 'a latency budget with no successful response fails',
      budgets: { p95: 300 },
      result: result({ count: 0, errors: failures(100) }),
      ok: false,
      summary: 'p95 no data'
    },
    {
      title: 'an error budget with no requests fails',
      budgets: { error_rate: 0.5 },
      result: result({ count: 0, requests: 0 }),
      ok: false,
      summary: 'error_rate no data'
    },
    {
      title: 'all failed and no budgets: never a pass',
      budgets: {},
      result: result({ count: 0, errors: failures(100) }),
      ok: false,
      summary: 'no successful responses'
    }
  ]

  for (const c of cases) {
    it(c.title, () => {
      const outcome = evaluateLatency(c.budgets, c.result, 10_000)
      expect(outcome.ok).toBe(c.ok)
      if (typeof c.summary === 'string') expect(outcome.summary).toBe(c.summary)
      else expect(outcome.summary).toMatch(c.summary)
    })
  }

  it('always reports the contract metrics', () => {
    const outcome = evaluateLatency(
      {},
      result({ count: 0, errors: failures(100) }),
      10_000
    )
    expect(Object.keys(outcome.metrics ?? {})).toEqual(
      expect.arrayContaining([
        'requests',
        'p50_ms',
        'p90_ms',
        'p95_ms',
        'p99_ms',
        'max_ms',
        'error_rate',
        'rps'
      ])
    )
    expect(outcome.metrics).toMatchObject({
      requests: 100,
      successes: 0,
      error_rate: 1
    })
  })

  it('breaks errors down by kind and status, largest first', () => {
    const outcome = evaluateLatency(
      { error_rate: 0.01 },
      result({
        count: 88,
        errors: failures(12, {
          byKind: { status: 7, timeout: 2, reset: 1, refused: 0, other: 2 },
          byStatus: { 503: 5, 500: 2 },
          otherReasons: {
            'TLS: self-signed certificate (https://127.0.0.1:1)': 2
          }
        })
      }),
      1500
    )
    expect(outcome.findings?.map(f => f.message)).toEqual([
      '12 of 100 requests failed (12 %): 5 × status 503, 2 × status 500, 2 × timeout (no complete answer within 1500ms), 2 × TLS: self-signed certificate (https://127.0.0.1:1), 1 × connection reset'
    ])
  })

  it('says when the time cap cut a requests-only run short', () => {
    const outcome = evaluateLatency(
      { requests: 5000 },
      result({
        requests: 1200,
        bounds: { ...result().bounds, windowMs: 60_000 }
      }),
      10_000
    )
    expect(outcome.findings?.map(f => f.message)).toContain(
      'stopped by the 1m time cap after 1200 of 5000 requests; set duration to run longer'
    )
  })

  it('renders the progress line', () => {
    expect(
      progressLine('api', {
        phase: 'warm-up',
        requests: 0,
        p95Ms: 0,
        errors: 0
      })
    ).toBe('latency api: warming up')
    expect(
      progressLine('api', {
        phase: 'load',
        requests: 120,
        p95Ms: 45.2,
        errors: 3
      })
    ).toBe('latency api: 120 requests, p95 45 ms, 3 errors')
    expect(
      progressLine('api', { phase: 'load', requests: 4, p95Ms: 0, errors: 4 })
    ).toBe('latency api: 4 requests, p95 -, 4 errors')
  })
})

// A percentile from too few samples says so (issue 16): p95 rests on the
// slowest 5 % of successes, so fewer than 100 give it a "low sample" note.
describe('low sample notes', () => {
  it('notes each budgeted percentile judged from too few successes', () => {
    const outcome = evaluateLatency(
      { p50: 100, p95: 100, p99: 100 },
      result({ count: 60 }),
      10_000
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.notes).toEqual([
      'low sample: p95 from 60 successful responses (100 or more make it steady)',
      'low sample: p99 from 60 successful responses (500 or more make it steady)'
    ])
  })

  it('says nothing when the sample is large enough, or for max', () => {
    expect(
      evaluateLatency({ p95: 100, max: 500 }, result({ count: 100 }), 10_000)
        .notes
    ).toEqual([])
    expect(
      evaluateLatency({ p95: 10 }, result({ count: 500 }), 10_000).notes
    ).toEqual([])
  })
})

describe('loadBounds', () => {
  const rate = (r: number) => ({ kind: 'rate', rate: r }) as const
  const closed = (c: number) =>
    ({ kind: 'concurrency', concurrency: c }) as const
  const cases = [
    {
      title: 'open model, neither bound: the default duration',
      settings: { model: rate(20) },
      want: {
        requests: 20 * (DEFAULT_DURATION_MS / 1000),
        windowMs: DEFAULT_DURATION_MS,
        warmupMs: 1000,
        warmupRequests: 20
      }
    },
    {
      title: 'open model, requests only: a time cap still applies',
      settings: { model: rate(20), requests: 300 },
      want: {
        requests: 300,
        windowMs: REQUESTS_ONLY_TIME_CAP_MS,
        warmupRequests: 20
      }
    },
    {
      title: 'open model, both: the smaller wins',
      settings: { model: rate(20), requests: 300, duration: 5000 },
      want: { requests: 100, windowMs: 5000, warmupRequests: 10 }
    },
    {
      title: 'open model: the pool covers rate × timeout, capped',
      settings: { model: rate(5000) },
      want: { connections: MAX_CONNECTIONS }
    },
    {
      title: 'closed model, duration only: a count cap still applies',
      settings: { model: closed(8), duration: 5000 },
      want: { requests: MAX_REQUESTS, windowMs: 5000, connections: 8 }
    },
    {
      title: 'closed model, small count: warm-up of one request per connection',
      settings: { model: closed(8), requests: 10 },
      want: { requests: 10, warmupRequests: 8 }
    },
    {
      title: 'warm-up off',
      settings: { model: closed(2), warmup: 0 },
      want: { warmupMs: 0, warmupRequests: 0 }
    }
  ]
  for (const c of cases) {
    it(c.title, () => {
      expect(loadBounds(c.settings, 10_000)).toMatchObject(c.want)
    })
  }
  it('sizes the open-model pool from rate × timeout', () => {
    expect(loadBounds({ model: rate(20) }, 2000).connections).toBe(40)
  })
})
