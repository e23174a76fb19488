import { afterEach, describe, expect, it } from 'vitest'
import { runGate } from '../../src/engine/gate.ts'
import { renderConsole } from '../../src/report/console.ts'
import { renderStepSummary } from '../../src/report/summary.ts'
import { policyFrom } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const RELEASE_A = 'a1'.repeat(20)
const RELEASE_B = '3f2a9c1'.padEnd(40, 'b')

let server: TestServer | undefined
afterEach(() => server?.close())

/**
 * A deploy in progress: release A answers the first `switchAfter` requests,
 * then release B (never, when switchAfter is Infinity).
 * With `bypass`, every request must carry that protection header.
 */
async function deploying(switchAfter: number, bypass?: string) {
  let asked = 0
  server = await startServer((req, res) => {
    if (bypass && req.headers['x-bypass'] !== bypass) {
      res.writeHead(401)
      return res.end('protected')
    }
    const release = asked++ >= switchAfter ? RELEASE_B : RELEASE_A
    if (req.url === '/api/version') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-release': release.slice(0, 7)
      })
      return res.end(JSON.stringify({ sha: release }))
    }
    res.writeHead(200, { 'x-release': release.slice(0, 7) })
    res.end(`release ${release}`)
  })
  return server
}

const SMOKE_B = `smoke:\n  - path: /\n    contains: "release {{sha}}"\n`

function gate(
  policy: string,
  site: TestServer,
  options: { waitMs?: number; env?: Record<string, string> } = {}
) {
  const log: string[] = []
  return {
    log,
    report: runGate(policyFrom(policy, options.env), {
      url: site.url,
      sha: RELEASE_B,
      waitMs: options.waitMs,
      env: {},
      cwd: process.cwd(),
      log: line => log.push(line)
    })
  }
}

describe('waiting for the release this run is about', () => {
  it('waits for /api/version to report the sha, then checks release B', async () => {
    const site = await deploying(2)
    const { report: pending, log } = gate(
      `version: 1
defaults:
  wait:
    for: 30s
    until: { path: /api/version, json: { sha: "{{sha}}" } }
${SMOKE_B}`,
      site
    )
    const report = await pending
    expect(report.result).toBe('pass')
    expect(report.checks[0]).toMatchObject({ status: 'pass' })
    expect(report.waited).toMatchObject({
      for: `/api/version to report ${RELEASE_B}`,
      met: true
    })
    const waitedMs = report.waited?.ms ?? 0
    expect(waitedMs).toBeGreaterThan(0)
    // The total time counts the wait.
    expect(report.duration_ms).toBeGreaterThanOrEqual(waitedMs)
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^waited \\d+(ms|s) for /api/version to report ${RELEASE_B}$`
        )
      )
    )
    expect(log[0]).toBe(
      `Waiting up to 30s for /api/version to report ${RELEASE_B}`
    )
    const versionPolls = site.requests.filter(r => r.path === '/api/version')
    expect(versionPolls).toHaveLength(3)
    // No check ran before the release showed.
    const firstCheck = site.requests.findIndex(r => r.path === '/')
    expect(firstCheck).toBe(3)
    expect(renderConsole(report, { color: false })).toContain(
      `waited ${formatted(report.notes)}`
    )
    expect(renderStepSummary(report)).toContain('waited')
  })

  it('waits for a response header naming the short sha', async () => {
    const site = await deploying(1)
    const { report: pending } = gate(
      `version: 1
defaults:
  wait: { for: 30s, until: { path: /, headers: { x-release: "{{sha7}}" } } }
${SMOKE_B}`,
      site
    )
    const report = await pending
    expect(report.result).toBe('pass')
    expect(report.waited?.for).toBe('/ to report x-release: 3f2a9c1')
  })

  it('cannot judge a deploy that never shows: error, every check skipped, the last answer named', async () => {
    const site = await deploying(Infinity)
    const { report: pending } = gate(
      `version: 1
defaults:
  wait:
    for: 2s
    until: { path: /api/version, json: { sha: "{{sha}}" } }
${SMOKE_B}`,
      site
    )
    const report = await pending
    expect(report.result).toBe('fail')
    expect(report.error).toMatch(
      new RegExp(
        `^waited \\d+s for /api/version to report ${RELEASE_B}: not seen within 2s \\(\\d attempts\\); last answer: JSON at \\$\\.sha: expected "${RELEASE_B}", got "${RELEASE_A}"$`
      )
    )
    expect(report.checks.map(c => c.status)).toEqual(['skip'])
    expect(report.waited).toMatchObject({ met: false })
    expect(report.waited?.ms).toBeGreaterThanOrEqual(1000)
    // Nothing but the version endpoint was asked: no check saw release A.
    expect(new Set(site.requests.map(r => r.path))).toEqual(
      new Set(['/api/version'])
    )
  })

  it('sends defaults.headers while waiting', async () => {
    const site = await deploying(1, 'let-me-in')
    const { report: pending } = gate(
      `version: 1
defaults:
  headers: { x-bypass: "\${BYPASS}" }
  wait: { until: { path: /api/version, json: { sha: "{{sha}}" } } }
${SMOKE_B}`,
      site,
      { env: { BYPASS: 'let-me-in' } }
    )
    const report = await pending
    expect(report.result).toBe('pass')
    expect(
      site.requests.every(r => r.headers['x-bypass'] === 'let-me-in')
    ).toBe(true)
  })

  it('lets the wait input set the bound but keeps the policy until', async () => {
    const site = await deploying(Infinity)
    const { report: pending } = gate(
      `version: 1
defaults:
  wait: { for: 10m, until: { path: /api/version, json: { sha: "{{sha}}" } } }
${SMOKE_B}`,
      site,
      { waitMs: 1000 }
    )
    const report = await pending
    expect(report.error).toContain('not seen within 1s')
  })

  it('a plain duration still only waits for the target to answer', async () => {
    const site = await deploying(Infinity)
    const { report: pending } = gate(
      `version: 1\ndefaults:\n  wait: 5s\nsmoke:\n  - path: /\n`,
      site
    )
    const report = await pending
    expect(report.result).toBe('pass')
    expect(report.waited).toMatchObject({
      for: `${site.url}/ to answer`,
      met: true
    })
  })
})

/** The `<time> for …` part of the wait note. */
function formatted(notes: readonly string[]): string {
  const note = notes.find(n => n.startsWith('waited ')) ?? ''
  return note.slice('waited '.length)
}
