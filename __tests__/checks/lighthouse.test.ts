import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lighthouseCheck } from '../../src/checks/lighthouse.ts'
import { policyFrom, runUnit, testContext } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const LIGHTHOUSE_PATH = join(process.cwd(), 'node_modules', 'lighthouse')
const BYPASS = 'bypass-7c1e9a55d2'

/** A server answering every path with `body(path)`: [content type, text]. */
const serve = (host: string, body: (path: string) => [string, string]) =>
  startServer((req, res) => {
    const [type, text] = body(req.url ?? '')
    res.writeHead(200, { 'content-type': type })
    res.end(text)
  }, host)

let site: TestServer
let third: TestServer

beforeAll(async () => {
  third = await serve('127.0.0.2', () => [
    'image/svg+xml',
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
  ])
  // No title, no lang, an image without alt, no meta description: the
  // accessibility and SEO scores stay below 100 on any machine.
  // Two scripts name source maps: one on their own origin, one elsewhere.
  const pages: Record<string, [string, string]> = {
    '/': [
      'text/html',
      `<!doctype html><html><head><meta charset="utf-8"></head><body>
<h1>Launch</h1><img src="${third.url}/logo.svg" width="10" height="10">
<img src="http://169.254.169.254/latest/meta-data/x.png" width="1" height="1">
<script src="/app.js"></script><script src="/cross.js"></script>
</body></html>`
    ],
    '/app.js': [
      'text/javascript',
      'globalThis.app = 1\n//# sourceMappingURL=/app.js.map\n'
    ],
    '/app.js.map': [
      'application/json',
      '{"version":3,"sources":["app.ts"],"names":[],"mappings":"AAAA"}'
    ],
    '/cross.js': [
      'text/javascript',
      `globalThis.cross = 1\n//# sourceMappingURL=${third.url}/cross.js.map\n`
    ]
  }
  site = await serve(
    '127.0.0.1',
    path => pages[path] ?? ['text/plain', 'not found']
  )
})

afterAll(async () => {
  await Promise.all([site.close(), third.close()])
})

function unitFor(yaml: string) {
  const { policy } = policyFrom(
    `version: 1\ntarget: ${site.url}\ndefaults:\n  headers: { x-bypass: "\${BYPASS}" }\n${yaml}`,
    { BYPASS }
  )
  const [unit] = lighthouseCheck.units(policy.lighthouse!, policy)
  return { unit, policy }
}

function contextFor(env: Record<string, string>, cwd: string) {
  return testContext({
    target: new URL(site.url),
    env,
    cwd,
    httpOptions: {
      targetOrigin: new URL(site.url).origin,
      targetHeaders: { 'x-bypass': BYPASS }
    }
  })
}

describe('lighthouse', () => {
  it('runs a real Chromium: scores, metrics, breaches, headers to the target only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'lighthouse-test-'))
    const { unit } = unitFor(`lighthouse:
  urls: [/]
  runs: 1
  preset: desktop
  min_scores: { accessibility: 100, seo: 100 }
  metrics: { cls: 0.5 }
`)
    const outcome = await runUnit(unit, contextFor({ LIGHTHOUSE_PATH }, cwd))
    const m = outcome.metrics ?? {}
    for (const key of [
      'performance',
      'accessibility',
      'best_practices',
      'seo'
    ]) {
      expect(m[key]).toBeTypeOf('number')
    }
    for (const key of [
      'lcp_ms',
      'fcp_ms',
      'tbt_ms',
      'si_ms',
      'ttfb_ms',
      'cls'
    ]) {
      expect(m[key]).toBeTypeOf('number')
    }
    expect(outcome.ok).toBe(false)
    const messages = (outcome.findings ?? []).map(f => f.message)
    expect(messages).toEqual([
      `accessibility ${m.accessibility} < 100`,
      `seo ${m.seo} < 100`
    ])
    const notes = outcome.notes ?? []
    expect(notes[0]).toBe(
      'median of 1 run (desktop); Lighthouse 12.2.3 from LIGHTHOUSE_PATH'
    )
    const report = notes.find(n => n.startsWith('HTML report: '))
    expect(report).toBeDefined()
    expect(existsSync(join(cwd, report!.slice('HTML report: '.length)))).toBe(
      true
    )
    // Link-local metadata is refused in the browser: the target is loopback.
    expect(
      notes.some(n => n.startsWith('blocked: http://169.254.169.254: '))
    ).toBe(true)

    const page = site.requests.filter(s => s.path === '/')
    expect(page.length).toBeGreaterThan(0)
    expect(page.every(s => s.headers['x-bypass'] === BYPASS)).toBe(true)
    expect(third.requests.length).toBeGreaterThan(0)
    expect(third.requests.every(s => s.headers['x-bypass'] === undefined)).toBe(
      true
    )
    expect(JSON.stringify(outcome)).not.toContain(BYPASS)
    // Lighthouse fetches source maps itself, past the browser's host rule:
    // only those on their script's own origin (src/checks/lighthouse/config.ts).
    expect(site.requests.map(s => s.path)).toContain('/app.js.map')
    expect(third.requests.map(s => s.path)).not.toContain('/cross.js.map')
    // One Lighthouse run on a shared 2-core machine takes 15–40 s.
  }, 180_000)

  it('is an error naming the fix when there is no Chrome', async () => {
    const { unit } = unitFor('lighthouse:\n  urls: [/]\n  runs: 1\n')
    const message = await runUnit(
      unit,
      contextFor(
        { LIGHTHOUSE_PATH, CHROME_PATH: '/nonexistent/chrome' },
        tmpdir()
      )
    ).catch((error: Error) => error.message)
    expect(message).toMatch(
      /^CHROME_PATH \/nonexistent\/chrome is not an executable file: set CHROME_PATH to a Chrome or Chromium binary/
    )
  })
})
