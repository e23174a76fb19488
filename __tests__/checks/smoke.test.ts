import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { smokeCheck, subsetMismatch } from '../../src/checks/smoke.ts'
import { describeNetworkError } from '../../src/net/http.ts'
import {
  findingMessages,
  policyFrom,
  runUnit,
  testContext
} from '../support/context.ts'
import {
  refusedPort,
  startServer,
  type TestServer
} from '../support/http-server.ts'

let site: TestServer
let flakyHits = 0

beforeAll(async () => {
  site = await startServer((req, res) => {
    switch (req.url) {
      case '/':
        res.writeHead(200, { 'content-type': 'text/html' })
        return res.end('<h1>Sign up</h1>')
      case '/health':
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(
          JSON.stringify({ status: 'ok', deps: [{ name: 'db', ok: true }] })
        )
      case '/down':
        res.writeHead(503)
        return res.end('maintenance')
      case '/slow':
        setTimeout(() => res.end('late'), 400)
        return
      case '/hang':
        return // never answers
      case '/huge': {
        // 50 MB, streamed: the client must stop reading at its cap.
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        const chunk = Buffer.alloc(1024 * 1024, 97)
        let sent = 0
        const pump = () => {
          while (sent < 50 && res.write(chunk)) sent++
          if (sent >= 50) res.end()
          else
            res.once('drain', () => {
              sent++
              pump()
            })
        }
        res.on('error', () => {})
        return pump()
      }
      case '/flaky':
        // The first request has its connection cut; later ones succeed.
        if (flakyHits++ === 0) return req.socket.destroy()
        return res.end('ok')
      case '/protected':
        res.writeHead(401, { 'x-vercel-id': 'fra1::abc', server: 'Vercel' })
        return res.end('Authentication Required')
      default:
        res.writeHead(404)
        return res.end()
    }
  })
})
afterAll(() => site.close())

async function runSmoke(
  yaml: string,
  opts: { retries?: number; timeoutMs?: number } = {}
) {
  const { policy } = policyFrom(`version: 1\nsmoke:\n${yaml}`)
  const [unit] = smokeCheck.units(policy.smoke ?? [], policy)
  const ctx = testContext({
    target: new URL(site.url),
    httpOptions: {
      retries: opts.retries ?? 0,
      timeoutMs: opts.timeoutMs ?? 5000
    }
  })
  return runUnit(unit, ctx)
}

const messages = findingMessages

describe('smoke check', () => {
  it('passes a page with the right status, text and header', async () => {
    const outcome = await runSmoke(
      `  - path: /\n    contains: Sign up\n    headers: { content-type: text/html }\n`
    )
    expect(outcome.ok).toBe(true)
    expect(outcome.summary).toMatch(/^200 in \d+ ms$/)
    expect(outcome.metrics).toMatchObject({ status: 200 })
  })

  it('matches a JSON subset, arrays by any element', async () => {
    expect(
      (
        await runSmoke(
          `  - path: /health\n    json: { status: ok, deps: [{ name: db }] }\n`
        )
      ).ok
    ).toBe(true)
    const outcome = await runSmoke(
      `  - path: /health\n    json: { status: down }\n`
    )
    expect(messages(outcome)).toEqual([
      'JSON at $.status: expected "down", got "ok"'
    ])
  })

  it('names every mismatch, the first in the summary', async () => {
    const outcome = await runSmoke(
      `  - path: /down\n    contains: Welcome\n    headers: { content-type: text/html }\n`
    )
    expect(outcome.ok).toBe(false)
    expect(messages(outcome)).toEqual([
      'status 503, expected 200',
      'body does not contain "Welcome"',
      'header content-type is missing, expected it to contain "text/html"'
    ])
    expect(outcome.summary).toBe('status 503, expected 200 (+2 more)')
  })

  it('accepts a list of statuses', async () => {
    expect(
      (await runSmoke(`  - path: /down\n    status: [500, 503]\n`)).ok
    ).toBe(true)
  })

  it('fails a response slower than max_time', async () => {
    const outcome = await runSmoke(`  - path: /slow\n    max_time: 100ms\n`)
    expect(messages(outcome)[0]).toMatch(/^took \d+ ms > 100 ms$/)
  })

  it('ends a hung request at the timeout with a clear error', async () => {
    await expect(
      runSmoke(`  - path: /hang\n`, { timeoutMs: 300 })
    ).rejects.toThrow(
      /^no complete response from 127\.0\.0\.1:\d+ within 300ms$/
    )
  })

  it('reports a refused connection in one line', async () => {
    const url = await refusedPort()
    await expect(runSmoke(`  - url: ${url}/\n`)).rejects.toThrow(
      /^connection refused \(http:\/\/127\.0\.0\.1:\d+\)$/
    )
  })

  it('stops reading a 50 MB body at the cap and says so', async () => {
    await expect(runSmoke(`  - path: /huge\n`)).rejects.toThrow(
      /response body is larger than 5242880 bytes/
    )
  })

  it('retries a network error but never a wrong status', async () => {
    expect((await runSmoke(`  - path: /flaky\n`, { retries: 1 })).ok).toBe(true)
    const before = site.requests.filter(r => r.path === '/down').length
    await runSmoke(`  - path: /down\n`, { retries: 3 })
    expect(site.requests.filter(r => r.path === '/down').length).toBe(
      before + 1
    )
  })

  it('names deployment protection instead of reporting the site down', async () => {
    const outcome = await runSmoke(`  - path: /protected\n`)
    expect(messages(outcome)[0]).toContain('Vercel Deployment Protection')
    expect(messages(outcome)[0]).toContain('x-vercel-protection-bypass')
  })

  it('needs a target for a path', async () => {
    const { policy } = policyFrom('version: 1\nsmoke:\n  - path: /\n')
    const [unit] = smokeCheck.units(policy.smoke ?? [], policy)
    await expect(unit.run(testContext())).rejects.toThrow(
      /no target URL for \//
    )
  })
})

describe('JSON subset', () => {
  it.each([
    [{ a: 1 }, { a: 1, b: 2 }, undefined],
    [{ a: { b: [1] } }, { a: { b: [3, 1] } }, undefined],
    [{ a: 1 }, [1], 'at $: expected an object, got an array'],
    [[{ id: 2 }], [{ id: 1 }], 'at $[0]: no element matches {"id":2}'],
    [{ a: null }, {}, 'at $.a: missing']
  ])('%j in %j', (expected, actual, mismatch) => {
    expect(subsetMismatch(expected, actual, '$')).toBe(mismatch)
  })
})

describe('network error text', () => {
  it('names DNS and TLS failures from nested causes', () => {
    const url = new URL('https://shop.example/')
    const dnsError = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), {
        code: 'ENOTFOUND'
      })
    })
    expect(describeNetworkError(dnsError, url)).toBe(
      'DNS lookup failed: no such host (https://shop.example)'
    )
    const tlsError = Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' })
    expect(describeNetworkError(tlsError, url)).toBe(
      'TLS: the certificate has expired (https://shop.example)'
    )
  })
})
