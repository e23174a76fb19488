// A hostile target (our own HTTP server, DNS zone and certificate on
// 127.0.0.1) and a policy with ${VAR} secrets, run through the CLI; every
// channel the renderers produce is checked on its raw text, split on CR and
// LF as the Actions runner does.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runGate } from '../../src/engine/gate.ts'
import { parsePolicy } from '../../src/policy/load.ts'
import { renderCheckRun } from '../../src/report/check-run.ts'
import type { Report } from '../../src/report/model.ts'
import { renderPrComment } from '../../src/report/pr-comment.ts'
import { renderStepSummary } from '../../src/report/summary.ts'
import {
  startDnsServer,
  type LocalDnsServer
} from '../../examples/demo-site/dns-server.ts'
import { makeLocalCa } from '../../examples/demo-site/certs.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { startHttpsServer } from '../support/https-server.ts'

const INJECTION =
  '::warning::fake ::add-mask::fail ::stop-commands::tok ##[error]x ' +
  '# head @octocat #1 ![i](http://e.test/i.png) [l](https://evil.test) <img src=x> `'
const SECRET = 'sk_live_0123456789abcdef'
const SHORT = 'zq7'

let server: TestServer
let dir: string

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/hop')) {
      res.writeHead(302, {
        location: `/::add-mask::x?token=${SECRET}&next=${encodeURIComponent(INJECTION)}`
      })
      return void res.end()
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-evil': INJECTION.replace(/`/g, "'")
    })
    res.end(JSON.stringify({ version: `${INJECTION}\r\n::error::raw\x1b[31m` }))
  })
  dir = await mkdtemp(join(tmpdir(), 'lg-hostile-'))
  await writeFile(
    join(dir, 'launch.yml'),
    `version: 1
target: ${server.url}
defaults:
  headers: { x-bypass: "\${BYPASS}" }
smoke:
  - name: "probe \${SHORT_VAR} ${'${'}BYPASS}"
    path: /api?key=\${BYPASS}
    json: { version: "1.0" }
  - name: header
    path: /
    headers: { x-evil: "nothing" }
redirects:
  rules:
    - from: ${server.url}/hop
      to: ${server.url}/nowhere
`
  )
})

afterAll(async () => {
  await server.close()
})

const runnerLines = (text: string) => text.split(/\r\n|\r|\n/)

function expectNoCommand(text: string) {
  for (const line of runnerLines(text)) {
    expect(line.trimStart().startsWith('::')).toBe(false)
    expect(line).not.toContain('##[')
    // eslint-disable-next-line no-control-regex
    expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/)
  }
}

function expectNoSecret(text: string) {
  expect(text).not.toContain(SECRET)
  expect(text).not.toMatch(new RegExp(`\\b${SHORT}\\b`))
}

function expectMarkdownInert(text: string) {
  for (const raw of runnerLines(text)) {
    const line = raw.replace(/(`+) .*? \1(?!`)/g, '')
    expect(line).not.toMatch(/^# head/)
    expect(line).not.toMatch(/<img|https?:\/\/(e|evil)\.test/)
    expect(line).not.toMatch(/@octocat|#1\b/)
    expect(line).not.toMatch(/(^|[^\\])!\[i\]|(^|[^\\])\[l\]\(/)
  }
}

describe('a hostile target through every channel', () => {
  it('keeps workflow commands, controls, markdown and secrets out', async () => {
    const run = await runCli(
      [
        'check',
        '--policy',
        'launch.yml',
        '--json',
        'out/report.json',
        '--sarif',
        'out/report.sarif'
      ],
      { cwd: dir, env: { BYPASS: SECRET, SHORT_VAR: SHORT } }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    // The hostile text did reach the report: it is shown, made inert.
    expect(run.stdout).toContain('add-mask')
    expectNoCommand(run.stdout)
    expectNoSecret(run.stdout)
    expect(server.requests.some(r => r.headers['x-bypass'] === SECRET)).toBe(
      true
    )

    const json = await readFile(join(dir, 'out/report.json'), 'utf8')
    expectNoSecret(json)
    expectNoSecret(await readFile(join(dir, 'out/report.sarif'), 'utf8'))
    const report = JSON.parse(json) as Report
    expect(report.checks.map(c => c.name)).toContain('probe *** ***')

    expectNoCommand(report.summary)
    expect(runnerLines(report.summary)).toHaveLength(1)
    for (const markdown of [
      renderStepSummary(report),
      renderPrComment(report, '<!-- marker -->'),
      renderCheckRun(report).summary
    ]) {
      expectMarkdownInert(markdown)
      expectNoSecret(markdown)
      expect(markdown).not.toContain('\r')
    }
    for (const a of renderCheckRun(report).annotations) {
      expectNoCommand(`${a.title}\n${a.message}`)
    }
  })
})

/** Every channel's text of one CLI run, checked the same way. */
async function expectInertEverywhere(dir: string, run: { stdout: string }) {
  expectNoCommand(run.stdout)
  const report = JSON.parse(
    await readFile(join(dir, 'out/report.json'), 'utf8')
  ) as Report
  expectNoCommand(report.summary)
  for (const markdown of [
    renderStepSummary(report),
    renderPrComment(report, '<!-- marker -->'),
    renderCheckRun(report).summary
  ]) {
    expectMarkdownInert(markdown)
    expect(markdown).not.toContain('\r')
  }
  for (const a of renderCheckRun(report).annotations) {
    expectNoCommand(`${a.title}\n${a.message}`)
  }
  return report
}

describe("a hostile target's DNS records and certificate", () => {
  // Certificate names cannot hold `/` or `,` in openssl's syntax, nor be
  // over 64 characters: the same injections without the link's URL.
  const CERT_INJECTION =
    '::warning::c ##[error]x <img src=x> @octocat #1 \x1b[31m'
  let dns: LocalDnsServer
  let site: TestServer
  let removeCa: () => void

  beforeAll(async () => {
    dns = await startDnsServer({
      'evil.test': [
        { type: 'TXT', text: `v=spf1 ip4:127.0.0.1 ${INJECTION} -all` },
        { type: 'TXT', text: `site-verification=${INJECTION}\r\n::error::raw` },
        { type: 'MX', exchange: 'mx.evil.test', priority: 10 },
        { type: 'CAA', tag: 'issue', value: `${INJECTION}\n::error::caa` }
      ],
      '_dmarc.evil.test': [
        {
          type: 'TXT',
          text: `v=DMARC1; p=none; rua=mailto:${INJECTION}\r\n::error::raw\x1b[31m`
        }
      ],
      'sel._domainkey.evil.test': [
        { type: 'TXT', text: `v=DKIM1; k=rsa; p=${INJECTION}` }
      ]
    })
    const ca = makeLocalCa(CERT_INJECTION)
    removeCa = ca.remove
    const now = Date.now()
    // In openssl's config syntax `#` starts a comment: names without it.
    const leaf = ca.issue(
      'leaf',
      'DNS:::warning::san.test,DNS:<img src=x>.test,DNS:[l](https:.evil.test)',
      new Date(now - 86_400_000),
      new Date(now + 30 * 86_400_000)
    )
    site = await startHttpsServer(leaf, (_req, res) => res.end('ok'))
  })

  afterAll(async () => {
    await Promise.all([dns.close(), site.close()])
    removeCa()
  })

  it('shows their text inert in every channel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lg-hostile-records-'))
    await writeFile(
      join(dir, 'launch.yml'),
      `version: 1
target: ${site.url}
defaults: { timeout: 2s, retries: 0 }
tls: {}
dns:
  resolver: "${dns.address}"
  records:
    - { name: evil.test, type: TXT, value: "expected-verification" }
    - { name: evil.test, type: CAA, value: letsencrypt.org }
email:
  domain: evil.test
  dkim: { selectors: [sel] }
`
    )
    const run = await runCli(
      ['check', '--policy', 'launch.yml', '--json', 'out/report.json'],
      { cwd: dir }
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    const report = await expectInertEverywhere(dir, run)
    const text = JSON.stringify(report)
    // The hostile names and records did reach the report, made inert.
    const tls = report.checks.find(c => c.kind === 'tls')
    expect(tls?.status).toBe('fail')
    expect(JSON.stringify(tls)).toContain('(issuer ::warning::c')
    expect(JSON.stringify(tls)).toContain('DNS:<img src=x>.test')
    expect(text).toContain('site-verification')
    for (const kind of ['dns', 'email']) {
      expect(report.checks.filter(c => c.kind === kind)).not.toEqual([])
    }
    expect(run.stdout).toContain('add-mask')
  })
})

describe('a catastrophic user regex', () => {
  it('ends the run with a finding naming the pattern', async () => {
    const evil = await startServer((_req, res) => {
      res.writeHead(200, { 'x-powered-by': `${'a'.repeat(48)}!` })
      res.end('ok')
    })
    try {
      const cwd = await mkdtemp(join(tmpdir(), 'lg-redos-'))
      await writeFile(
        join(cwd, 'launch.yml'),
        `version: 1\ntarget: ${evil.url}\nheaders:\n  forbid: [{ header: x-powered-by, matching: "(a+)+$" }]\n`
      )
      // On the main thread this match takes hours: the test would never end.
      const run = await runCli(['check', '--policy', 'launch.yml'], { cwd })
      expect(run.code).toBe(1)
      expect(run.stdout).toContain('the regex /(a+)+$/ did not finish within')
    } finally {
      await evil.close()
    }
  })
})

describe('masking', () => {
  it('registers only ${VAR} values safe to mask, and hides all of them', async () => {
    const site = await startServer((_req, res) => res.end('ok'))
    try {
      const masked: string[] = []
      const lines: string[] = []
      const report = await runGate(
        parsePolicy(
          `version: 1\ntarget: ${site.url}\nsmoke:\n  - { name: "\${A} \${B} \${C}", path: "/?q=\${A}" }\n`,
          'p.yml',
          { A: SECRET, B: SHORT, C: 'production' }
        ),
        {
          env: {},
          cwd: process.cwd(),
          log: line => lines.push(line),
          onSecretValues: values => masked.push(...values)
        }
      )
      expect(masked).toEqual([SECRET])
      expect(report.checks[0].name).toBe('*** *** ***')
      expectNoSecret(JSON.stringify(report))
    } finally {
      await site.close()
    }
  })
})
