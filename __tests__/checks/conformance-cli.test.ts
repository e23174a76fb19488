// Issue 13's rules black-box, as the conformance suites measured them:
// through the CLI, against a real HTTP server and a real DNS server on
// loopback, read back from the JSON report.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startDnsServer,
  type LocalDnsServer
} from '../../examples/demo-site/dns-server.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const TOKEN = 'c2VjcmV0LWJ5cGFzcy10b2tlbg'

let site: TestServer
let dns: LocalDnsServer
let dir: string

beforeAll(async () => {
  const future = new Date(Date.now() + 86_400_000).toUTCString()
  const pages: Record<string, Record<string, string>> = {
    '/expires-utc': { expires: future.replace('GMT', 'UTC') },
    '/expires-gmt': { expires: future },
    '/must-understand': {
      'cache-control': 'public, max-age=3600, no-store, must-understand'
    },
    '/behind-auth': { 'cache-control': 'max-age=600' }
  }
  site = await startServer((req, res) => {
    res.writeHead(200, pages[req.url ?? ''] ?? {})
    res.end('ok')
  })
  dns = await startDnsServer({
    'ctrl.test': [{ type: 'TXT', text: 'v=spf1 a:ctrl.test\rptr -all' }],
    'macro.test': [
      { type: 'TXT', text: 'v=spf1 redirect=%{d}.spf.example.com.' }
    ],
    'broken.test': [{ type: 'TXT', strings: [] }]
  })
  dir = await mkdtemp(join(tmpdir(), 'lg-conform-'))
  const cache = (path: string) =>
    `  - { path: ${path}, expect: public, min_max_age: 1h }\n`
  await writeFile(
    join(dir, 'cache.yml'),
    'version: 1\ndefaults: { retries: 0 }\ncache:\n' +
      ['/expires-utc', '/expires-gmt', '/must-understand'].map(cache).join('')
  )
  await writeFile(
    join(dir, 'auth.yml'),
    'version: 1\ndefaults:\n  headers: { authorization: "Bearer ${BYPASS}" }\ncache:\n' +
      cache('/behind-auth')
  )
  for (const domain of ['ctrl.test', 'macro.test', 'broken.test']) {
    await writeFile(
      join(dir, `${domain}.yml`),
      `version: 1\ndefaults: { timeout: 2s }\ndns: { resolver: "${dns.address}" }\nemail: { domain: ${domain}, dmarc: false }\n`
    )
  }
})
afterAll(async () => {
  await Promise.all([site.close(), dns.close()])
})

async function check(policy: string, env: Record<string, string> = {}) {
  const run = await runCli(
    [
      'check',
      '--policy',
      policy,
      '--url',
      site.url,
      '--json',
      `${policy}.json`
    ],
    { cwd: dir, env }
  )
  const report = JSON.parse(
    await readFile(join(dir, `${policy}.json`), 'utf8')
  ) as {
    checks: {
      name: string
      status: string
      summary: string
      notes: string[]
    }[]
  }
  return { run, checks: report.checks }
}

describe('cache rules through the CLI', () => {
  it('rule 7: an Expires in UTC fails, in GMT passes; rule 8: must-understand passes', async () => {
    const { run, checks } = await check('cache.yml')
    expect(run.code).toBe(1)
    expect(checks.map(c => [c.name, c.status])).toEqual([
      ['/expires-utc', 'fail'],
      ['/expires-gmt', 'pass'],
      ['/must-understand', 'pass']
    ])
    expect(checks[0].summary).toMatch(/is not an HTTP date, so already expired/)
    expect(checks[2].notes).toEqual([
      'must-understand with status 200: caches that implement it store the response despite no-store (RFC 9111 §5.2.2.3)'
    ])
  })

  it('rule 9: judged for the Authorization actually sent, never showing it', async () => {
    const { run, checks } = await check('auth.yml', { BYPASS: TOKEN })
    expect(run.code).toBe(1)
    expect(site.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(checks[0].summary).toMatch(
      /the request carried Authorization \(from defaults\.headers\)/
    )
    const everything =
      run.stdout +
      run.stderr +
      (await readFile(join(dir, 'auth.yml.json'), 'utf8'))
    expect(everything).not.toContain(TOKEN)
  })
})

describe('SPF rules through the CLI', () => {
  it.each([
    [
      'ctrl.test',
      'fail',
      'SPF record is invalid (it holds a carriage return (0x0D): terms are printable ASCII separated by spaces only): fix the syntax, receivers reject it (permerror)'
    ],
    [
      'macro.test',
      'pass',
      'v=spf1 redirect=%{d}.spf.example.com. (1 of 10 lookups)'
    ],
    [
      'broken.test',
      'error',
      `DNS lookup of TXT broken.test failed: the answer was malformed (it cannot be parsed) (${'127.0.0.1'}:`
    ]
  ])('%s is %s', async (domain, status, summary) => {
    const { checks } = await check(`${domain}.yml`)
    expect(checks).toHaveLength(1)
    expect(checks[0].status).toBe(status)
    expect(checks[0].summary.startsWith(summary)).toBe(true)
  })
})
