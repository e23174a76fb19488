import type { OutgoingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheCheck, sharedCaching } from '../../src/checks/cache.ts'
import { parseCacheControl } from '../../src/checks/http-headers/cache-control.ts'
import type { UnitOutcome } from '../../src/checks/types.ts'
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

const DAY_MS = 86_400_000

const PAGES: Partial<Record<string, () => OutgoingHttpHeaders>> = {
  '/asset': () => ({ 'cache-control': 'public, max-age=31536000, immutable' }),
  '/short': () => ({ 'cache-control': 'public, max-age=60' }),
  '/cdn-only': () => ({ 'cache-control': 'max-age=0, s-maxage=600' }),
  '/no-store': () => ({ 'cache-control': 'no-store' }),
  '/private': () => ({ 'cache-control': 'private, max-age=600' }),
  '/no-cache': () => ({ 'cache-control': 'public, no-cache' }),
  '/bare': () => ({}),
  '/expires': () => ({
    date: new Date().toUTCString(),
    expires: new Date(Date.now() + DAY_MS).toUTCString()
  }),
  '/expires-zero': () => ({ expires: '0' }),
  '/public-cookie': () => ({
    'cache-control': 'public, max-age=600',
    'set-cookie': 'session=s3cr3t; HttpOnly'
  }),
  '/cookie-kept-out': () => ({
    'cache-control': 'public, max-age=600, private="Set-Cookie"',
    'set-cookie': 'session=s3cr3t; HttpOnly'
  }),
  '/vary-star': () => ({ 'cache-control': 'public, max-age=600', vary: '*' })
}

let site: TestServer

beforeAll(async () => {
  site = await startServer((req, res) => {
    const page = PAGES[req.url ?? '']
    res.writeHead(
      page ? 200 : 404,
      page?.() ?? { 'cache-control': 'public, max-age=600' }
    )
    res.end('ok')
  })
})
afterAll(() => site.close())

async function runItem(item: string, base = site.url): Promise<UnitOutcome> {
  const { policy } = policyFrom(`version: 1\ncache:\n  - ${item}\n`)
  const [unit] = cacheCheck.units(policy.cache!, policy)
  const ctx = testContext({ target: new URL(base) })
  return runUnit(unit, ctx)
}

const messages = findingMessages

describe('cache check: expect public', () => {
  it('passes a long-lived public asset', async () => {
    const outcome = await runItem(
      '{ path: /asset, expect: public, min_max_age: 86400 }'
    )
    expect(outcome.findings).toEqual([])
    expect(outcome.summary).toBe(
      'shared caches may keep it 365 days (Cache-Control "public, max-age=31536000, immutable")'
    )
    expect(outcome.metrics).toMatchObject({
      shared_lifetime_s: 31536000,
      sets_cookie: false
    })
  })

  it('fails a lifetime below min_max_age', async () => {
    expect(
      messages(
        await runItem('{ path: /short, expect: public, min_max_age: 86400 }')
      )
    ).toEqual([
      'Cache-Control "public, max-age=60": shared caches may serve it 60 s without asking the origin (max-age=60); expected max-age or s-maxage ≥ 86400'
    ])
  })

  it('counts s-maxage over max-age, and any positive lifetime without a minimum', async () => {
    expect(
      (await runItem('{ path: /cdn-only, expect: public, min_max_age: 600 }'))
        .ok
    ).toBe(true)
    expect((await runItem('{ path: /short, expect: public }')).ok).toBe(true)
  })

  it('fails no-store and private', async () => {
    expect(
      messages(await runItem('{ path: /no-store, expect: public }'))
    ).toEqual([
      'Cache-Control "no-store": no-store keeps shared caches from storing it; expected public caching with a positive max-age or s-maxage'
    ])
    expect(
      messages(await runItem('{ path: /private, expect: public }'))
    ).toEqual([
      'Cache-Control "private, max-age=600": private keeps shared caches from storing it; expected public caching with a positive max-age or s-maxage'
    ])
  })

  it('fails no-cache, which revalidates every time', async () => {
    expect(
      messages(await runItem('{ path: /no-cache, expect: public }'))
    ).toEqual([
      'Cache-Control "public, no-cache": shared caches may serve it 0 s without asking the origin (no-cache); expected a positive max-age or s-maxage'
    ])
  })

  it('fails a response without caching headers', async () => {
    expect(messages(await runItem('{ path: /bare, expect: public }'))).toEqual([
      'no Cache-Control: shared caches may serve it 0 s without asking the origin (no max-age, s-maxage or Expires); expected a positive max-age or s-maxage'
    ])
  })

  it('uses Expires when there is no max-age, and treats a bad Expires as expired', async () => {
    expect(
      (await runItem('{ path: /expires, expect: public, min_max_age: 3600 }'))
        .ok
    ).toBe(true)
    expect(
      messages(await runItem('{ path: /expires-zero, expect: public }'))
    ).toEqual([
      'no Cache-Control: shared caches may serve it 0 s without asking the origin (Expires 0); expected a positive max-age or s-maxage'
    ])
  })

  it('fails Vary: *, which no cache can reuse', async () => {
    expect(
      messages(await runItem('{ path: /vary-star, expect: public }'))
    ).toEqual([
      'Vary "*": "*" makes every request a cache miss; expected Vary to list request headers'
    ])
  })
})

describe('cache check: expect private', () => {
  it('passes private or no-store', async () => {
    expect((await runItem('{ path: /private, expect: private }')).summary).toBe(
      'private: Cache-Control "private, max-age=600"'
    )
    expect((await runItem('{ path: /no-store, expect: private }')).ok).toBe(
      true
    )
  })

  it('fails a page shared caches may store', async () => {
    expect(
      messages(
        await runItem('{ name: account, path: /short, expect: private }')
      )
    ).toEqual([
      'Cache-Control "public, max-age=60": shared caches may store this private response; expected private or no-store'
    ])
    expect(messages(await runItem('{ path: /bare, expect: private }'))).toEqual(
      [
        'no Cache-Control: shared caches may store this private response; expected private or no-store'
      ]
    )
  })
})

describe('cache check: cookies on cacheable responses', () => {
  it('always fails a publicly cacheable response that sets a cookie, naming only the cookie', async () => {
    const outcome = await runItem('{ path: /public-cookie, expect: public }')
    expect(messages(outcome)).toEqual([
      'sets a cookie ("session") on a response shared caches may store for 10 minutes (Cache-Control "public, max-age=600"); make it private or no-store, or stop setting the cookie here'
    ])
    expect(JSON.stringify(outcome)).not.toContain('s3cr3t')
  })

  it('accepts a cookie that private="Set-Cookie" keeps out of shared caches', async () => {
    expect(
      (await runItem('{ path: /cookie-kept-out, expect: public }')).ok
    ).toBe(true)
  })
})

describe('cache check: what it cannot judge', () => {
  it('fails a path that is not a 2xx answer', async () => {
    expect(
      messages(await runItem('{ path: /missing, expect: public }'))
    ).toEqual([
      'status 404: expected a 2xx answer to judge its caching (point the item at the final URL)'
    ])
  })

  it('reports a refused connection as an error', async () => {
    await expect(
      runItem('{ path: /asset, expect: public }', await refusedPort())
    ).rejects.toThrow(/^connection refused/)
  })
})

describe('parseCacheControl', () => {
  it.each<[string[], Record<string, string | true>]>([
    [['public, max-age=600'], { public: true, 'max-age': '600' }],
    [['Public,MAX-AGE=600'], { public: true, 'max-age': '600' }],
    [
      ['max-age=1', 'max-age=2, no-cache'],
      { 'max-age': '1', 'no-cache': true }
    ],
    [
      ['private="set-cookie, x-user", max-age=5'],
      { private: 'set-cookie, x-user', 'max-age': '5' }
    ],
    [['max-age="60"'], { 'max-age': '60' }],
    [[' , ,no-store'], { 'no-store': true }]
  ])('%j', (lines, expected) => {
    expect(Object.fromEntries(parseCacheControl(lines))).toEqual(expected)
  })
})

describe('sharedCaching', () => {
  const now = Date.parse('2026-06-01T00:00:00Z')
  it.each<
    [
      string,
      string | undefined,
      string | undefined,
      { storable: boolean; lifetime: number }
    ]
  >([
    ['max-age=600', undefined, undefined, { storable: true, lifetime: 600 }],
    [
      's-maxage=60, max-age=600',
      undefined,
      undefined,
      { storable: true, lifetime: 60 }
    ],
    ['max-age=abc', undefined, undefined, { storable: true, lifetime: 0 }],
    [
      'no-store, max-age=600',
      undefined,
      undefined,
      { storable: false, lifetime: 0 }
    ],
    [
      'private, s-maxage=600',
      undefined,
      undefined,
      { storable: false, lifetime: 0 }
    ],
    [
      'private="set-cookie", max-age=600',
      undefined,
      undefined,
      { storable: true, lifetime: 600 }
    ],
    [
      'no-cache="set-cookie", max-age=600',
      undefined,
      undefined,
      { storable: true, lifetime: 600 }
    ],
    [
      '',
      'Mon, 01 Jun 2026 01:00:00 GMT',
      undefined,
      { storable: true, lifetime: 3600 }
    ],
    [
      '',
      'Mon, 01 Jun 2026 01:00:00 GMT',
      'Mon, 01 Jun 2026 00:30:00 GMT',
      { storable: true, lifetime: 1800 }
    ],
    [
      'max-age=5',
      'Mon, 01 Jun 2026 01:00:00 GMT',
      undefined,
      { storable: true, lifetime: 5 }
    ],
    [
      '',
      'Sun, 31 May 2026 00:00:00 GMT',
      undefined,
      { storable: true, lifetime: 0 }
    ]
  ])('%j, Expires %s, Date %s', (header, expires, date, expected) => {
    expect(
      sharedCaching(parseCacheControl([header]), expires, date, now)
    ).toMatchObject(expected)
  })
})
