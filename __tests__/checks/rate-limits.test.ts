import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  evaluateRateLimit,
  rateLimitsCheck,
  statusRuns,
  type RateLimitItem
} from '../../src/checks/rate-limits.ts'
import type { CheckContext } from '../../src/checks/types.ts'
import { PolicyError } from '../../src/policy/errors.ts'
import { policyFrom, testContext } from '../support/context.ts'
import {
  refusedPort,
  startServer,
  type TestServer
} from '../support/http-server.ts'

let limited: TestServer
let unlimited: TestServer
const bodies: { contentType?: string; body: string }[] = []

beforeAll(async () => {
  // Answers 429 from the 6th request on each path, like a login limiter.
  const hits = new Map<string, number>()
  limited = await startServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      bodies.push({
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString()
      })
      const path = req.url ?? '/'
      const count = (hits.get(path) ?? 0) + 1
      hits.set(path, count)
      const limit = path === '/late' ? 12 : 5
      if (count <= limit) {
        res.writeHead(path.startsWith('/login') && count === 2 ? 401 : 200)
        return res.end('{}')
      }
      res.writeHead(429, path === '/bare' ? {} : { 'retry-after': '30' })
      res.end('slow down')
    })
  })
  unlimited = await startServer((_req, res) => {
    res.writeHead(200)
    res.end('ok')
  })
})
afterAll(async () => {
  await limited.close()
  await unlimited.close()
})

async function probe(
  base: string,
  yaml: string,
  ctx: Partial<CheckContext> = {}
) {
  const { policy } = policyFrom(
    `version: 1\ndefaults: { headers: { x-bypass: token } }\nrate_limits:\n  - ${yaml}\n`
  )
  const [unit] = rateLimitsCheck.units(policy.rate_limits!, policy)
  const context = testContext({
    target: new URL(base),
    httpOptions: {
      targetOrigin: new URL(base).origin,
      targetHeaders: policy.defaults.headers
    },
    ...ctx
  })
  try {
    return { unit, outcome: await unit.run(context) }
  } finally {
    await context.http.close()
  }
}

describe('rate_limits check', () => {
  it('passes when the limiter answers 429 in time, and stops there', async () => {
    const before = limited.requests.length
    const { unit, outcome } = await probe(
      limited.url,
      '{ path: /login, method: POST, body: { email: probe@example.com }, requests: 10, within: 8 }'
    )
    expect(unit.name).toBe('POST /login')
    expect(outcome.ok).toBe(true)
    expect(outcome.summary).toBe(
      '429 at request 6 (200, 401, 200×3), Retry-After: 30'
    )
    expect(outcome.metrics).toEqual({
      requests: 6,
      limited_at: 6,
      retry_after: '30'
    })
    const sent = limited.requests.slice(before)
    expect(sent).toHaveLength(6)
    expect(sent[0].headers['x-bypass']).toBe('token')
    expect(bodies.at(-1)).toEqual({
      contentType: 'application/json',
      body: '{"email":"probe@example.com"}'
    })
  })

  it('sends a string body as it is', async () => {
    await probe(
      limited.url,
      '{ name: form login, path: /form, method: POST, body: "a=b", headers: { content-type: text/plain }, requests: 6, within: 6 }'
    )
    expect(bodies.at(-1)).toEqual({ contentType: 'text/plain', body: 'a=b' })
  })

  it('fails an endpoint that never limits, after exactly `requests`', async () => {
    const before = unlimited.requests.length
    const { outcome } = await probe(
      unlimited.url,
      '{ path: /api/login, method: POST, requests: 12, within: 10 }'
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe(
      'no 429 in 12 requests (200×12): rate-limit POST /api/login so it answers 429 by request 10'
    )
    expect(unlimited.requests.length - before).toBe(12)
  })

  it('fails a limit that starts after `within`', async () => {
    const { outcome } = await probe(
      limited.url,
      '{ path: /late, requests: 20, within: 8 }'
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe(
      '429 at request 13 (200×12), expected by request 8: lower the limit on GET /late'
    )
  })

  it('passes a 429 without Retry-After with a warning', async () => {
    const { outcome } = await probe(
      limited.url,
      '{ path: /bare, requests: 10, within: 10 }'
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.summary).toBe(
      '429 at request 6 (200×5); warning: the 429 has no Retry-After header: send one so clients know when to try again'
    )
  })

  it('accepts a list of expected statuses', async () => {
    const { outcome } = await probe(
      limited.url,
      '{ path: /login-list, requests: 3, expect_status: [401, 403], within: 3 }'
    )
    expect(outcome).toMatchObject({
      ok: true,
      summary: '401 at request 2 (200)',
      findings: []
    })
  })

  it('cannot run against a refused port: a one-line error naming the request', async () => {
    const url = await refusedPort()
    await expect(
      probe(url, '{ path: /login, requests: 5, within: 5 }')
    ).rejects.toThrow(
      /^request 1 got no answer: connection refused \(http:\/\/127\.0\.0\.1:\d+\)$/
    )
  })

  it('stops when the run is out of time and never reports a pass', async () => {
    const controller = new AbortController()
    controller.abort()
    const before = unlimited.requests.length
    await expect(
      probe(unlimited.url, '{ path: /x, requests: 5, within: 5 }', {
        signal: controller.signal
      })
    ).rejects.toThrow(
      'stopped at request 0 of 5 (the run is out of time) before any 429: no answers'
    )
    expect(unlimited.requests.length).toBe(before)
  })
})

describe('rate_limits policy', () => {
  it('refuses more than 200 requests', () => {
    expect(() =>
      policyFrom(
        'version: 1\nrate_limits:\n  - { path: /login, requests: 201, within: 10 }\n'
      )
    ).toThrow(PolicyError)
    expect(() =>
      policyFrom(
        'version: 1\nrate_limits:\n  - { path: /login, requests: 201, within: 10 }\n'
      )
    ).toThrow(/requests must be at most 200/)
  })
})

describe('rate limit evaluation', () => {
  const item = (over: Partial<RateLimitItem> = {}): RateLimitItem => ({
    path: '/login',
    method: 'POST',
    requests: 10,
    expect_status: 429,
    within: 5,
    level: 'error',
    ...over
  })

  it.each([
    [
      'first request limited',
      item(),
      { statuses: [429], limitedAt: 1, retryAfter: '10' },
      true,
      '429 at request 1, Retry-After: 10'
    ],
    [
      'at within',
      item(),
      { statuses: [200, 200, 200, 200, 429], limitedAt: 5, retryAfter: '1' },
      true,
      '429 at request 5 (200×4), Retry-After: 1'
    ],
    [
      'one late',
      item({ within: 4 }),
      { statuses: [200, 200, 200, 200, 429], limitedAt: 5, retryAfter: '1' },
      false,
      '429 at request 5 (200×4), expected by request 4: lower the limit on POST /login'
    ],
    [
      '503 is what we expect',
      item({ expect_status: 503 }),
      { statuses: [200, 503], limitedAt: 2 },
      true,
      '503 at request 2 (200)'
    ],
    [
      'never',
      item({ requests: 3 }),
      { statuses: [401, 401, 401] },
      false,
      'no 429 in 3 requests (401×3): rate-limit POST /login so it answers 429 by request 5'
    ]
  ])('%s', (_, it, probe, ok, summary) => {
    const outcome = evaluateRateLimit(it, probe)
    expect(outcome.ok).toBe(ok)
    expect(outcome.summary).toBe(summary)
  })

  it.each([
    [[], ''],
    [[200], '200'],
    [[200, 200, 401, 200], '200×2, 401, 200'],
    [[500, 500, 500], '500×3']
  ])('%j → %s', (statuses, text) => {
    expect(statusRuns(statuses)).toBe(text)
  })
})
