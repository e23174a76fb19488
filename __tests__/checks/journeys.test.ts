import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { journeysCheck } from '../../src/checks/journeys.ts'
import { latencyCheck } from '../../src/checks/latency/index.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { PolicyError } from '../../src/policy/errors.ts'
import { policyFrom, runUnit, testContext } from '../support/context.ts'
import {
  PASSWORD,
  startJourneyApp,
  type JourneyApp
} from '../support/journey-app.ts'

let app: JourneyApp

beforeAll(async () => {
  app = await startJourneyApp()
})
afterAll(() => app.close())

const CSRF = `'regex:name="csrf" value="([^"]+)"'`

/** Runs the policy's first journey against the app. */
async function runJourney(
  steps: string,
  env: Record<string, string> = {}
): Promise<UnitOutcome> {
  const { policy } = policyFrom(
    `version: 1\njourneys:\n  - name: flow\n    steps:\n${steps}`,
    { QA_PASSWORD: PASSWORD, ...env }
  )
  const [unit] = journeysCheck.units(policy.journeys ?? [], policy)
  return runUnit(unit, testContext({ target: new URL(app.url) }))
}

/** Everything the report could show of an outcome, as one string. */
function shown(outcome: UnitOutcome): string {
  const { secretValues: _masked, ...reported } = outcome
  return JSON.stringify(reported)
}

describe('journeys against a local app', () => {
  it('logs in through a CSRF form and keeps the session cookie', async () => {
    const outcome = await runJourney(`
      - path: /login
        capture: { csrf: ${CSRF} }
      - name: login
        path: /login
        method: POST
        form: { email: qa@example.com, password: "\${QA_PASSWORD}", csrf: "{{csrf}}" }
        status: 302
        response_headers: { location: /dashboard }
      - path: /dashboard
        contains: Welcome qa@example.com
      - path: /logout
        method: POST
        status: 302
      - name: signed out
        path: /dashboard
        status: 302
`)
    expect(outcome.ok).toBe(true)
    expect(outcome.summary).toMatch(/^5 steps passed in \d+ ms$/)
    expect(outcome.notes).toHaveLength(5)
    expect(outcome.notes?.[1]).toMatch(/^step 2 \(login\): 302 in \d+ ms$/)
    expect(outcome.notes?.[0]).toMatch(/^step 1 \/login: 200 in \d+ ms$/)
    expect(outcome.metrics).toMatchObject({ steps: 5, steps_passed: 5 })
  })

  it('follows redirects with cookies when asked', async () => {
    const outcome = await runJourney(`
      - path: /login
        capture: { csrf: ${CSRF} }
      - path: /login
        method: POST
        form: { email: qa@example.com, password: "\${QA_PASSWORD}", csrf: "{{csrf}}" }
        follow_redirects: true
        contains: Welcome qa@example.com
`)
    expect(outcome.ok).toBe(true)
  })

  it('signs up, logs in with JSON, captures the token and calls /api/me', async () => {
    const outcome = await runJourney(`
      - name: signup
        path: /api/signup
        method: POST
        body: { email: "qa+{{uuid}}@example.com", password: "\${QA_PASSWORD}" }
        status: 201
      - name: login
        path: /api/login
        method: POST
        body: { email: "qa+{{uuid}}@example.com", password: "\${QA_PASSWORD}" }
        capture: { token: "json:$.token", who: "json:$.user.email" }
      - name: me
        path: /api/me
        headers: { authorization: "Bearer {{token}}" }
        json: { email: "{{who}}" }
        capture: { echoed: "header:x-token-echo" }
`)
    expect(outcome.ok).toBe(true)
    const token = outcome.secretValues?.find(v => v.startsWith('tok_'))
    expect(token).toBeDefined()
    expect(app.tokens.has(token as string)).toBe(true)
    expect(shown(outcome)).not.toContain(token)
  })

  it('rejects a duplicate signup, and says which step failed and why', async () => {
    const outcome = await runJourney(`
      - name: signup
        path: /api/signup
        method: POST
        body: { email: qa@example.com, password: x }
        status: 201
      - path: /api/me
`)
    expect(outcome.ok).toBe(false)
    expect(outcome.summary).toBe('step 1 (signup): status 409, expected 201')
    expect(outcome.metrics).toMatchObject({ steps: 2, steps_passed: 0 })
    expect(outcome.notes).toHaveLength(1)
  })

  it('stops at the first failing step: a wrong password sends nothing after it', async () => {
    const before = app.requests.length
    const outcome = await runJourney(`
      - path: /login
        capture: { csrf: ${CSRF} }
      - path: /login
        method: POST
        form: { email: qa@example.com, password: wrong, csrf: "{{csrf}}" }
        status: 302
      - path: /dashboard
`)
    expect(outcome.summary).toBe('step 2 POST /login: status 401, expected 302')
    expect(app.requests.slice(before).map(r => r.path)).toEqual([
      '/login',
      '/login'
    ])
  })

  it('fails on a bad CSRF token at the form step', async () => {
    const outcome = await runJourney(`
      - path: /login
      - path: /login
        method: POST
        form: { email: qa@example.com, password: "\${QA_PASSWORD}", csrf: forged }
        status: 302
`)
    expect(outcome.summary).toBe('step 2 POST /login: status 403, expected 302')
  })

  it('names a capture that finds nothing', async () => {
    const outcome = await runJourney(`
      - path: /login
        capture: { csrf: 'regex:name="token" value="([^"]+)"' }
      - path: /dashboard
`)
    expect(outcome.summary).toBe(
      'step 1 /login: capture csrf: no match for regex:name="token" value="([^"]+)"'
    )
    const json = await runJourney(`
      - path: /api/login
        method: POST
        body: { email: qa@example.com, password: "\${QA_PASSWORD}" }
        capture: { token: "json:$.access_token" }
`)
    expect(json.summary).toBe(
      'step 1 POST /api/login: capture token: no match for json:$.access_token'
    )
  })

  it('captures cookies from the jar', async () => {
    const outcome = await runJourney(`
      - path: /login
        capture: { sid: "cookie:presession", csrf: ${CSRF} }
      - path: /login
        method: POST
        headers: { x-sid: "{{sid}}" }
        form: { email: qa@example.com, password: "\${QA_PASSWORD}", csrf: "{{csrf}}" }
        status: 302
`)
    expect(outcome.ok).toBe(true)
    const sid = app.requests.at(-1)?.headers['x-sid'] as string
    expect(sid).toMatch(/^[0-9a-f]{24}$/)
    expect(outcome.secretValues).toContain(sid)
  })

  it('never shows a captured value, even when a failure would quote it', async () => {
    const outcome = await runJourney(`
      - path: /api/login
        method: POST
        body: { email: qa@example.com, password: "\${QA_PASSWORD}" }
        capture: { token: "json:$.token" }
      - path: /api/me
        headers: { authorization: "Bearer {{token}}" }
        contains: "{{token}}-suffix"
        response_headers: { x-token-echo: nope }
`)
    expect(outcome.ok).toBe(false)
    const token = outcome.secretValues?.[0] as string
    expect(token).toMatch(/^tok_/)
    expect(shown(outcome)).not.toContain(token)
    expect(outcome.summary).toBe(
      'step 2 /api/me: body does not contain "***-suffix" (+1 more)'
    )
    expect(outcome.findings?.[1].message).toBe(
      'step 2 /api/me: header x-token-echo is "***", expected it to contain "nope"'
    )
  })

  it('reports a refused connection as a step that could not run', async () => {
    const { policy } = policyFrom(
      'version: 1\njourneys:\n  - name: down\n    steps:\n      - path: /\n'
    )
    const [unit] = journeysCheck.units(policy.journeys ?? [], policy)
    const { refusedPort } = await import('../support/http-server.ts')
    await expect(
      runUnit(unit, testContext({ target: new URL(await refusedPort()) }))
    ).rejects.toThrow(/^step 1 \/: connection refused/)
  })
})

describe('journey policies', () => {
  const problems = (yaml: string) => {
    try {
      policyFrom(yaml)
    } catch (error) {
      if (error instanceof PolicyError) return error.message
      throw error
    }
    return ''
  }

  it('points at a template with no value, before anything runs', () => {
    expect(
      problems(`version: 1
journeys:
  - name: j
    steps:
      - path: /api/login
        capture: { token: "json:$.token" }
      - path: /api/me
        headers: { authorization: "Bearer {{tokne}}" }
`)
    ).toContain(
      'policy.yml:7:9: journeys.0.steps.1: {{tokne}} has no value here: captured names are token'
    )
  })

  it('rejects a regex capture without exactly one group, and reserved names', () => {
    expect(
      problems(`version: 1
journeys:
  - name: j
    steps:
      - path: /
        capture: { a: "regex:no group", seq: "header:x" }
`)
    ).toMatch(
      /a regex: capture needs a valid pattern with exactly one group[\s\S]*capture name seq: seq, uuid, timestamp, sha, sha7 are generated, not captured/
    )
  })

  it('rejects a setup that names no journey, and body with form', () => {
    const message = problems(`version: 1
latency:
  - path: /
    method: POST
    body: { a: 1 }
    form: { a: "1" }
    concurrency: 1
    setup: nope
`)
    expect(message).toContain('give at most one of body or form')
    expect(
      problems(`version: 1
latency:
  - path: /
    concurrency: 1
    setup: nope
`)
    ).toContain(
      'policy.yml:5:12: latency.0.setup: no journey named nope (setup names one of journeys)'
    )
  })
})

describe('authenticated load with a setup journey', () => {
  const LOGIN = `journeys:
  - name: login
    steps:
      - path: /api/login
        method: POST
        body: { email: qa@example.com, password: "\${QA_PASSWORD}" }
        capture: { token: "json:$.token" }
`
  const runLoad = async (item: string) => {
    const { policy } = policyFrom(`version: 1\n${LOGIN}latency:\n${item}`, {
      QA_PASSWORD: PASSWORD
    })
    const [unit] = latencyCheck.units(policy.latency ?? [], policy)
    return runUnit(unit, testContext({ target: new URL(app.url) }))
  }

  it('signs up N unique e-mails at concurrency 50, each request with the token', async () => {
    const before = { ...app.stats }
    const outcome = await runLoad(`
  - name: signup-load
    path: /api/signup
    method: POST
    headers: { authorization: "Bearer {{token}}" }
    body: { email: "load+{{seq}}@example.com", password: "pw-{{uuid}}" }
    concurrency: 50
    requests: 400
    warmup: 0s
    setup: login
    error_rate: 0
`)
    const sent = app.stats.signups - before.signups
    expect(outcome.summary).toMatch(/^p95 .* 0 errors in 400 requests/)
    expect(outcome.ok).toBe(true)
    expect(sent).toBe(400)
    expect(app.stats.duplicates - before.duplicates).toBe(0)
    expect(app.stats.signupsWithToken - before.signupsWithToken).toBe(400)
    expect(app.stats.signupsWithoutToken - before.signupsWithoutToken).toBe(0)
    const loadUsers = [...app.users.keys()].filter(e => e.startsWith('load+'))
    expect(new Set(loadUsers).size).toBe(400)
    const token = outcome.secretValues?.[0] as string
    expect(app.tokens.has(token)).toBe(true)
    expect(shown(outcome)).not.toContain(token)
  })

  it('reports p50, p95 and errors per path when there are several', async () => {
    const outcome = await runLoad(`
  - name: reads
    paths: [/api/me, /missing]
    headers: { authorization: "Bearer {{token}}" }
    concurrency: 4
    requests: 40
    warmup: 0s
    setup: login
`)
    expect(outcome.notes).toHaveLength(2)
    expect(outcome.notes?.[0]).toMatch(
      /^\/api\/me: 20 requests, p50 [\d.]+ ms, p95 [\d.]+ ms, 0 errors$/
    )
    expect(outcome.notes?.[1]).toBe(
      '/missing: 20 requests, no successful responses, 20 errors'
    )
  })

  it('cannot run the load when its setup journey fails', async () => {
    const { policy } = policyFrom(
      `version: 1\n${LOGIN}latency:\n  - path: /api/me\n    concurrency: 1\n    setup: login\n`,
      { QA_PASSWORD: 'wrong' }
    )
    const [unit] = latencyCheck.units(policy.latency ?? [], policy)
    await expect(
      runUnit(unit, testContext({ target: new URL(app.url) }))
    ).rejects.toThrow(
      'setup journey login failed: step 1 POST /api/login: status 401, expected 200'
    )
  })
})

describe('the host rule under load', () => {
  it('refuses a link-local URL when the target is on loopback, without a packet sent', async () => {
    const { HostRule } = await import('../../src/net/host-rule.ts')
    const { policy } = policyFrom(
      'version: 1\nlatency:\n  - url: http://169.254.169.254/latest/meta-data/\n    concurrency: 2\n    requests: 60\n    warmup: 0s\n'
    )
    const [unit] = latencyCheck.units(policy.latency ?? [], policy)
    const target = new URL(app.url)
    const outcome = await runUnit(
      unit,
      testContext({ target, httpOptions: { hostRule: new HostRule(target) } })
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.findings?.map(f => f.message).join('\n')).toContain(
      'refused to connect to 169.254.169.254: a link-local address, and the target is not one (host rule)'
    )
  })
})

describe('the dry-run plan', () => {
  it('counts every step, a redirect-following one as its hops, and the setup of a load', () => {
    const { policy } = policyFrom(`version: 1
defaults: { timeout: 2s }
journeys:
  - name: a
    steps:
      - path: /login
      - path: /login
        method: POST
        follow_redirects: true
latency:
  - path: /
    concurrency: 1
    requests: 10
    warmup: 0s
    setup: a
`)
    expect(journeysCheck.plan?.(policy.journeys ?? [], policy)).toMatchObject({
      maxRequests: 12,
      maxMs: 24_000
    })
    expect(latencyCheck.plan?.(policy.latency ?? [], policy).maxRequests).toBe(
      22
    )
  })
})
