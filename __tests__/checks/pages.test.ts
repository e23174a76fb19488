import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { workspaceFileReader } from '../../src/policy/files.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_REQUESTS, pagesCheck } from '../../src/checks/pages.ts'
import { HostRule } from '../../src/net/host-rule.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import {
  findingMessages,
  policyFrom,
  runUnit,
  testContext
} from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

const text = (char: string, bytes: number) => char.repeat(bytes)
const appJs = `var a=${JSON.stringify(text('a', 3000))};` // 3 KiB, sent as is
const vendorJs = `var v=${JSON.stringify(text('v', 8000))};`
const tinyJs = 'var t=1;' // under 1 KiB: needs no compression
const appCss = `@import "/theme.css";
@font-face { font-family: x; src: url(/f.woff2) format("woff2") }
body { background: url(/bg.png) } /* ${text('c', 2000)} */`
const themeCss = `h1 { background: url(/never.png) } /* ${text('t', 1500)} */`
const png = Buffer.alloc(2000, 7)
const font = Buffer.alloc(1500, 3)
const thirdJs = `var lib=${JSON.stringify(text('l', 5000))};`
const thirdPng = Buffer.alloc(700, 1)
const gzCss = gzipSync(appCss)
const brVendor = brotliCompressSync(vendorJs)

let site: TestServer
let third: TestServer
const paths = () => site.requests.map(r => r.path)

beforeAll(async () => {
  third = await startServer((req, res) => {
    if (req.url === '/lib.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      return res.end(thirdJs)
    }
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(thirdPng)
  }, '127.0.0.2')
  site = await startServer((req, res) => {
    const send = (type: string, body: string | Buffer, encoding?: string) => {
      res.writeHead(200, {
        'content-type': type,
        ...(encoding ? { 'content-encoding': encoding } : {})
      })
      res.end(body)
    }
    switch (req.url) {
      case '/':
        return send(
          'text/html; charset=utf-8',
          `<!doctype html><html><head>
<link rel="stylesheet" href="/app.css">
<script src="/app.js"></script>
<script src="/vendor.js"></script>
<script src="/tiny.js"></script>
<script src="${third.url}/lib.js"></script>
<style>.hero { background: url(/hero.png) }</style>
</head><body>
<img src="/logo.png" srcset="/logo.png 1x, /logo@2x.png 2x">
<img src="${third.url}/pixel.png">
<a href="/elsewhere">not loaded</a>
<img src="http://169.254.169.254/latest/meta-data/x.png">
</body></html>`
        )
      case '/app.js':
        return send('text/javascript', appJs)
      case '/vendor.js':
        return send('text/javascript', brVendor, 'br')
      case '/tiny.js':
        return send('text/javascript', tinyJs)
      case '/app.css':
        return send('text/css', gzCss, 'gzip')
      case '/theme.css':
        return send('text/css', gzipSync(themeCss), 'gzip')
      case '/f.woff2':
        return send('font/woff2', font)
      case '/bg.png':
      case '/hero.png':
      case '/logo.png':
        return send('image/png', png)
      case '/many': {
        const refs = Array.from(
          { length: 10_000 },
          (_, i) => `<script src="/r/${i}.js"></script>`
        ).join('')
        return send('text/html', `<html><head>${refs}</head></html>`)
      }
      case '/missing':
        res.writeHead(404)
        return res.end()
      default:
        if (req.url?.startsWith('/r/')) return send('text/javascript', '1')
        res.writeHead(404)
        res.end()
    }
  })
})

afterAll(async () => {
  await Promise.all([site.close(), third.close()])
})

async function runPages(
  yaml: string,
  cwd = process.cwd()
): Promise<UnitOutcome> {
  const { policy } = policyFrom(`version: 1\ntarget: ${site.url}\n${yaml}`)
  const [unit] = pagesCheck.units(policy.pages ?? [], policy)
  const target = new URL(site.url)
  return runUnit(
    unit,
    testContext({
      target,
      cwd,
      readPolicyFile: workspaceFileReader(cwd),
      httpOptions: { hostRule: new HostRule(target) }
    })
  )
}

describe('pages', () => {
  it('weighs every resource once, by type, transfer vs decoded, third-party apart', async () => {
    const outcome = await runPages(
      'pages:\n  - path: /\n    compression: false\n'
    )
    expect(outcome.ok).toBe(true)
    const m = outcome.metrics ?? {}
    const page = Number(m.transfer_bytes_document)
    expect(m.requests_document).toBe(1)
    expect(m.transfer_bytes_script).toBe(
      appJs.length + brVendor.length + tinyJs.length + thirdJs.length
    )
    expect(m.decoded_bytes_script).toBe(
      appJs.length + vendorJs.length + tinyJs.length + thirdJs.length
    )
    expect(m.requests_script).toBe(4)
    // app.css (gzip) and the theme it imports; theme's own url() is not followed.
    expect(m.transfer_bytes_stylesheet).toBe(
      gzCss.length + gzipSync(themeCss).length
    )
    expect(m.decoded_bytes_stylesheet).toBe(appCss.length + themeCss.length)
    // logo (its srcset 2x is an alternative), hero (inline style), bg (CSS), third-party pixel
    expect(m.requests_image).toBe(4)
    expect(m.transfer_bytes_image).toBe(3 * png.length + thirdPng.length)
    expect(m.requests_font).toBe(1)
    expect(m.transfer_bytes_font).toBe(font.length)
    expect(m.requests_third_party).toBe(2)
    expect(m.transfer_bytes_third_party).toBe(thirdJs.length + thirdPng.length)
    expect(m.requests).toBe(12)
    expect(m.transfer_bytes_total).toBe(
      page +
        Number(m.transfer_bytes_script) +
        Number(m.transfer_bytes_stylesheet) +
        Number(m.transfer_bytes_image) +
        font.length
    )
    expect(paths()).not.toContain('/never.png')
    expect(paths()).not.toContain('/logo@2x.png')
    expect(paths()).not.toContain('/elsewhere')
    expect(paths().filter(p => p === '/logo.png')).toHaveLength(1)
    const notes = outcome.notes?.join('\n')
    expect(notes).toMatch(/1 responsive alternatives/)
    // The host rule: link-local metadata is not fetched for a loopback target.
    expect(notes).toMatch(
      /1 resources failed: http:\/\/169\.254\.169\.254\/latest\/meta-data\/x\.png \(refused to connect to 169\.254\.169\.254: a link-local address/
    )
  })

  it('fails text resources over 1 KiB served uncompressed, naming the saving', async () => {
    const outcome = await runPages('pages:\n  - path: /\n')
    expect(outcome.ok).toBe(false)
    expect(outcome.metrics?.uncompressed).toBe(2)
    const messages = findingMessages(outcome)
    expect(messages).toHaveLength(2)
    expect(messages[0]).toMatch(
      /^uncompressed script \(third-party\) lib\.js 4\.9 KiB: gzip would save 4\.\d KiB$/
    )
    expect(messages[1]).toMatch(
      /^uncompressed script app\.js 2\.9 KiB: gzip would save 2\.\d KiB$/
    )
  })

  it('fails size and count budgets, naming the largest resources', async () => {
    const outcome = await runPages(`pages:
  - path: /
    compression: false
    budgets:
      sizes: { script: 7, third-party: 100, total: 1000 }
      counts: { script: 3, image: 10 }
`)
    expect(outcome.ok).toBe(false)
    expect(findingMessages(outcome)).toEqual([
      `script 7.9 KiB > 7 KiB: lib.js 4.9 KiB, app.js 2.9 KiB, vendor.js ${brVendor.length} B, …`,
      `script 4 requests > 3: lib.js 4.9 KiB, app.js 2.9 KiB, vendor.js ${brVendor.length} B, …`
    ])
  })

  it('takes the first budget.json entry whose path pattern matches', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-budget-'))
    writeFileSync(
      join(dir, 'budget.json'),
      JSON.stringify([
        {
          path: '/blog/*',
          resourceSizes: [{ resourceType: 'total', budget: 1 }]
        },
        { path: '/$', resourceCounts: [{ resourceType: 'font', budget: 0 }] },
        { path: '/', resourceCounts: [{ resourceType: 'total', budget: 0 }] }
      ])
    )
    const outcome = await runPages(
      'pages:\n  - path: /\n    compression: false\n    budget_file: budget.json\n',
      dir
    )
    expect(findingMessages(outcome)).toEqual([
      'font 1 requests > 0: f.woff2 1.5 KiB'
    ])
    expect(outcome.notes?.[0]).toBe('budgets from budget.json entry 1')

    writeFileSync(
      join(dir, 'bad.json'),
      '[{"resourceSizes":[{"resourceType":"js","budget":1}]}]'
    )
    const bad = await runPages(
      'pages:\n  - path: /\n    budget_file: bad.json\n',
      dir
    ).catch((error: Error) => error.message)
    expect(bad).toMatch(/^bad\.json: 0\.resourceSizes\.0\.resourceType: /)
  })

  it('stops at its request bound on a page that references 10 000 resources', async () => {
    const before = site.requests.length
    const outcome = await runPages('pages:\n  - path: /many\n')
    expect(outcome.metrics?.requests).toBe(MAX_REQUESTS)
    expect(site.requests.length - before).toBe(MAX_REQUESTS)
    expect(outcome.notes?.join('\n')).toMatch(
      `${10_000 + 1 - MAX_REQUESTS} resources not fetched`
    )
  })

  it('is an error when the page itself does not answer 2xx', async () => {
    const message = await runPages('pages:\n  - path: /missing\n').catch(
      (error: Error) => error.message
    )
    expect(message).toBe('the page answered 404')
  })

  it('rejects budgets together with budget_file', () => {
    expect(() =>
      policyFrom(
        'version: 1\npages:\n  - path: /\n    budget_file: b.json\n    budgets: { sizes: { script: 1 } }\n'
      )
    ).toThrow('give budgets or budget_file, not both')
  })
})
