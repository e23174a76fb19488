import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  evaluateRedirects,
  redirectsCheck
} from '../../src/checks/redirects.ts'
import { parseLocation, type Hop } from '../../src/net/redirects.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
import { makeTestCerts, type TestCerts } from '../support/certs.ts'
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
import { startHttpsServer } from '../support/https-server.ts'

let certs: TestCerts
let plain: TestServer
let secure: TestServer

beforeAll(async () => {
  certs = makeTestCerts()
  secure = await startHttpsServer(certs.good, (req, res) => {
    const to = (status: number, location: string) => {
      res.writeHead(status, { location })
      res.end()
    }
    switch (req.url) {
      case '/':
      case '/pricing':
        return res.end('ok')
      case '/canonical-www':
        return to(301, `${secure.url}/`)
      case '/downgrade':
        return to(301, `${plain.url}/landing`)
      case '/loop-a':
        return to(301, `${secure.url}/loop-b`)
      case '/loop-b':
        return to(301, `${secure.url}/loop-a`)
      default:
        res.writeHead(404)
        return res.end()
    }
  })
  plain = await startServer((req, res) => {
    const to = (status: number, location?: string) => {
      res.writeHead(status, location === undefined ? {} : { location })
      res.end()
    }
    const url = new URL(req.url ?? '/', plain.url)
    switch (url.pathname) {
      case '/':
        return to(301, `${secure.url}/`)
      case '/temporary':
        return to(302, `${secure.url}/`)
      case '/www':
        return to(302, `${secure.url}/canonical-www`)
      case '/elsewhere':
        return to(301, `${secure.url}/pricing`)
      case '/slash':
        return to(301, `${secure.url}/pricing/`)
      case '/relative':
        return to(301, '/landing')
      case '/malformed':
        return to(301, 'http://[oops/')
      case '/no-location':
        return to(301)
      case '/endless': {
        const n = Number(url.searchParams.get('n') ?? 0)
        return to(302, `${plain.url}/endless?n=${n + 1}`)
      }
      case '/landing':
      case '/ok':
        return res.end('ok')
      default:
        return to(404)
    }
  })
})
afterAll(async () => {
  await Promise.all([plain.close(), secure.close()])
  certs.remove()
})

async function runRule(
  rule: string,
  section = '',
  opts: { targetHeaders?: Record<string, string> } = {}
): Promise<UnitOutcome> {
  const yaml = `version: 1\nredirects:\n${section}  rules:\n    - ${rule}\n`
  const { policy } = policyFrom(yaml)
  const [unit] = redirectsCheck.units(policy.redirects!, policy)
  const ctx = testContext({
    target: new URL(plain.url),
    httpOptions: {
      ca: [certs.ca],
      targetOrigin: plain.url,
      targetHeaders: opts.targetHeaders
    }
  })
  return runUnit(unit, ctx)
}

const messages = findingMessages

describe('redirects check against local servers', () => {
  it('passes http → https with a 301', async () => {
    const outcome = await runRule(
      `{ from: "${plain.url}/", to: "${secure.url}/", status: 301 }`
    )
    expect(outcome.findings).toEqual([])
    expect(outcome.summary).toBe(
      `${plain.url}/ → 301 ${secure.url}/ (1 hop, then 200)`
    )
    expect(outcome.metrics).toMatchObject({
      hops: 1,
      final_url: `${secure.url}/`,
      final_status: 200
    })
  })

  it('resolves paths in from and to against the target', async () => {
    const outcome = await runRule(`{ from: /, to: "${secure.url}/" }`)
    expect(outcome.ok).toBe(true)
  })

  it('sends the default headers to the target only, never to the next origin', async () => {
    const before = secure.requests.length
    await runRule(`{ from: /, to: "${secure.url}/" }`, '', {
      targetHeaders: { 'x-vercel-protection-bypass': 'bypass-token' }
    })
    expect(plain.requests.at(-1)?.headers['x-vercel-protection-bypass']).toBe(
      'bypass-token'
    )
    const secureRequest = secure.requests.slice(before)[0]
    expect(secureRequest.path).toBe('/')
    expect(secureRequest.headers['x-vercel-protection-bypass']).toBeUndefined()
  })

  it('fails a chain longer than max_hops and shows every hop', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${plain.url}/www", to: "${secure.url}/", status: 301 }`
        )
      )
    ).toEqual([
      `${plain.url}/www → 302 ${secure.url}/canonical-www → 301 ${secure.url}/ (2 hops > max_hops 1)`
    ])
    const twoHops = await runRule(
      `{ from: "${plain.url}/www", to: "${secure.url}/" }`,
      '  max_hops: 2\n'
    )
    expect(twoHops.ok).toBe(true)
  })

  it('reports a loop with its cycle', async () => {
    expect(
      messages(
        await runRule(`{ from: "${secure.url}/loop-a", to: "${secure.url}/" }`)
      )
    ).toEqual([
      `${secure.url}/loop-a → 301 ${secure.url}/loop-b → 301 ${secure.url}/loop-a (redirect loop: ${secure.url}/loop-a → ${secure.url}/loop-b → ${secure.url}/loop-a)`
    ])
  })

  it('stops an endless chain after 20 hops', async () => {
    const outcome = await runRule(
      `{ from: "${plain.url}/endless", to: "${secure.url}/" }`
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.metrics?.hops).toBe(20)
    expect(messages(outcome)[0]).toMatch(
      /\/endless\?n=19 → 302 http:\/\/127\.0\.0\.1:\d+\/endless\?n=20 \(still redirecting after 20 hops; max_hops is 1\)$/
    )
  })

  it('fails a downgrade from https to http', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${secure.url}/downgrade", to: "${plain.url}/landing" }`
        )
      )
    ).toEqual([
      `${secure.url}/downgrade → 301 ${plain.url}/landing (hop 1 downgrades https to http)`
    ])
  })

  it('passes a relative Location (valid HTTP) unless allow_relative is false', async () => {
    const rule = `{ from: "${plain.url}/relative", to: "${plain.url}/landing" }`
    expect((await runRule(rule)).ok).toBe(true)
    expect(messages(await runRule(rule, '  allow_relative: false\n'))).toEqual([
      `${plain.url}/relative → 301 ${plain.url}/landing (hop 1 Location "/landing" is relative; expected an absolute URL, or allow_relative: true)`
    ])
  })

  it('fails a malformed Location', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${plain.url}/malformed", to: "${secure.url}/" }`
        )
      )
    ).toEqual([
      `${plain.url}/malformed → 301 "http://[oops/" (hop 1 Location "http://[oops/" is malformed; expected an absolute http(s) URL)`
    ])
  })

  it('fails a redirect without a Location', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${plain.url}/no-location", to: "${secure.url}/" }`
        )
      )
    ).toEqual([
      `${plain.url}/no-location → 301 (no Location) (hop 1 is a 301 without a Location header)`
    ])
  })

  it('fails when the chain ends somewhere else', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${plain.url}/elsewhere", to: "${secure.url}/" }`
        )
      )
    ).toEqual([
      `${plain.url}/elsewhere → 301 ${secure.url}/pricing (ends at ${secure.url}/pricing; expected ${secure.url}/)`
    ])
  })

  it('keeps the trailing slash as written', async () => {
    expect(
      messages(
        await runRule(
          `{ from: "${plain.url}/slash", to: "${secure.url}/pricing" }`
        )
      )
    ).toEqual([
      `${plain.url}/slash → 301 ${secure.url}/pricing/ (ends at ${secure.url}/pricing/; expected ${secure.url}/pricing)`
    ])
  })

  it('fails a final-hop status outside the allowed ones', async () => {
    const rule = `{ from: "${plain.url}/temporary", to: "${secure.url}/" }`
    expect(messages(await runRule(rule))).toEqual([
      `${plain.url}/temporary → 302 ${secure.url}/ (final hop is 302; expected 301 or 308)`
    ])
    expect(
      (
        await runRule(
          `{ from: "${plain.url}/temporary", to: "${secure.url}/", status: [302, 307] }`
        )
      ).ok
    ).toBe(true)
  })

  it('fails a URL that does not redirect at all', async () => {
    expect(
      messages(
        await runRule(`{ from: "${plain.url}/ok", to: "${secure.url}/" }`)
      )
    ).toEqual([
      `${plain.url}/ok (no redirect: answered 200; expected a redirect to ${secure.url}/)`
    ])
  })

  it('reports an unreachable hop as an error naming it', async () => {
    const url = await refusedPort()
    await expect(
      runRule(`{ from: "${url}/", to: "${secure.url}/" }`)
    ).rejects.toThrow(/^connection refused \(http:\/\/127\.0\.0\.1:\d+\)$/)
  })
})

describe('evaluateRedirects', () => {
  const hop = (url: string, status: number, location?: string): Hop => ({
    url: new URL(url),
    status,
    location,
    next:
      location === undefined ? undefined : parseLocation(location, new URL(url))
  })
  const section = { max_hops: 1, allow_relative: false }

  it.each<[string, string, string, Hop[], string[]]>([
    [
      'default ports are normalised',
      'http://a.example/',
      'https://a.example:443/',
      [
        hop('http://a.example:80/', 301, 'https://a.example/'),
        hop('https://a.example/', 200)
      ],
      []
    ],
    [
      'host case and a missing root slash are normalised',
      'http://A.example',
      'https://a.example',
      [
        hop('http://a.example/', 308, 'https://A.EXAMPLE'),
        hop('https://a.example/', 200)
      ],
      []
    ],
    [
      'a canonical URL may answer without redirecting',
      'https://a.example/',
      'https://a.example/',
      [hop('https://a.example/', 200)],
      []
    ],
    [
      'the issue example: two hops over one',
      'http://a/',
      'https://a/',
      [
        hop('http://a/', 302, 'https://www.a/'),
        hop('https://www.a/', 301, 'https://a/'),
        hop('https://a/', 200)
      ],
      ['http://a/ → 302 https://www.a/ → 301 https://a/ (2 hops > max_hops 1)']
    ],
    [
      'a downgrade in the middle and a wrong end',
      'https://a/',
      'https://b/',
      [
        hop('https://a/', 301, 'http://a/x'),
        hop('http://a/x', 301, 'https://c/'),
        hop('https://c/', 200)
      ],
      [
        'https://a/ → 301 http://a/x → 301 https://c/ (hop 1 downgrades https to http)',
        'https://a/ → 301 http://a/x → 301 https://c/ (2 hops > max_hops 1)',
        'https://a/ → 301 http://a/x → 301 https://c/ (ends at https://c/; expected https://b/)'
      ]
    ]
  ])('%s', (_label, from, to, hops, expected) => {
    const outcome = evaluateRedirects({}, section, new URL(from), new URL(to), {
      hops,
      end: 'final'
    })
    expect(outcome.findings?.map(f => f.message)).toEqual(expected)
    expect(outcome.ok).toBe(expected.length === 0)
  })
})

describe('parseLocation', () => {
  const base = new URL('https://a.example/dir/page')
  it.each([
    ['https://b.example/x', 'https://b.example/x'],
    ['/root', 'https://a.example/root'],
    ['sibling', 'https://a.example/dir/sibling'],
    ['//c.example/', 'https://c.example/'],
    ['  https://b.example/  ', 'https://b.example/']
  ])('%s → %s', (location, expected) => {
    expect(parseLocation(location, base)?.href).toBe(expected)
  })

  it.each([
    'http://[oops/',
    'https://b.example/a b',
    'javascript:alert(1)',
    'ftp://b.example/',
    ''
  ])('rejects %j', location => {
    expect(parseLocation(location, base)).toBeUndefined()
  })
})

describe('redirects policy', () => {
  it('names a from that is neither a URL nor a path', () => {
    expect(() =>
      policyFrom(
        'version: 1\nredirects:\n  rules:\n    - { from: pricing, to: /x }\n'
      )
    ).toThrow(
      'policy.yml:4:15: redirects.rules.0.from: expected an absolute http(s) URL or a path starting with /'
    )
  })

  it('defaults max_hops to 1 and relative locations to passing', () => {
    const { policy } = policyFrom(
      'version: 1\nredirects:\n  rules:\n    - { from: /a, to: /b }\n'
    )
    expect(policy.redirects).toMatchObject({
      max_hops: 1,
      allow_relative: true
    })
  })
})
