import type { OutgoingHttpHeaders } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  cacheCheck,
  evaluateCache,
  sharedCaching
} from '../../src/checks/cache.ts'
import { parseCacheControl } from '../../src/checks/http-headers/cache-control.ts'
import { parseHttpDate } from '../../src/checks/http-headers/http-date.ts'
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
  '/vary-star': () => ({ 'cache-control': 'public, max-age=600', vary: '*' }),
  // Rule 7: Expires in a form Date.parse reads but HTTP does not.
  '/expires-utc': () => ({
    date: new Date().toUTCString(),
    expires: new Date(Date.now() + DAY_MS).toUTCString().replace('GMT', 'UTC')
  }),
  '/expires-asctime': () => ({ expires: asctime(Date.now() + DAY_MS) }),
  // Rule 8: must-understand lets a cache that knows 200 ignore no-store.
  '/must-understand': () => ({
    'cache-control': 'public, max-age=600, no-store, must-understand'
  }),
  // Rule 9: answers to a request that carried Authorization.
  '/auth-max-age': () => ({ 'cache-control': 'max-age=600' }),
  '/auth-public': () => ({ 'cache-control': 'public, max-age=600' }),
  // Rule 10: heuristic freshness, and an Age past the lifetime.
  '/last-modified': () => ({
    date: new Date().toUTCString(),
    'last-modified': new Date(Date.now() - 30 * DAY_MS).toUTCString()
  }),
  '/aged': () => ({ 'cache-control': 'public, max-age=600', age: '900' })
}

/** `Sun Nov  6 08:49:37 1994`: the asctime form of an HTTP date. */
function asctime(ms: number): string {
  // toUTCString is the IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  const [weekday, , month, year, time] = new Date(ms).toUTCString().split(' ')
  const day = String(new Date(ms).getUTCDate()).padStart(2, ' ')
  return `${weekday.slice(0, 3)} ${month} ${day} ${time} ${year}`
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
      'no Cache-Control: shared caches may serve it 0 s without asking the origin (Expires "0" is not an HTTP date, so already expired); expected a positive max-age or s-maxage'
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
      sharedCaching({
        status: 200,
        directives: parseCacheControl([header]),
        expires,
        date,
        receivedAt: now
      })
    ).toMatchObject(expected)
  })
})

const NOW = Date.parse('2026-06-01T00:00:00Z')
const at = (iso: string) => Date.parse(iso)

describe('rule 7: Expires and Date are HTTP dates, exactly (RFC 9110 §5.6.7)', () => {
  it.each<[string, string]>([
    ['Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37Z'],
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37Z'],
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37Z'],
    ['Wed Nov 16 08:49:37 1994', '1994-11-16T08:49:37Z'],
    ['Thursday, 18-Aug-50 02:01:18 GMT', '2050-08-18T02:01:18Z'],
    ['Wednesday, 01-Jan-76 00:00:00 GMT', '2076-01-01T00:00:00Z'],
    ['Friday, 01-Jan-77 00:00:00 GMT', '1977-01-01T00:00:00Z'],
    ['Wed, 31 Dec 2025 23:59:60 GMT', '2026-01-01T00:00:00Z'],
    ['Mon, 29 Feb 2028 12:00:00 GMT', '2028-02-29T12:00:00Z']
  ])('%j is %s', (value, iso) => {
    expect(parseHttpDate(value, NOW)).toBe(at(iso))
  })

  it.each([
    'Thu, 18 Aug 2050 02:01:18 UTC',
    'Thu, 18 Aug 50 02:01:18 GMT',
    'Thu 18 Aug 2050 02:01:18 GMT',
    'Thu, 18  Aug  2050 02:01:18 GMT',
    'Thu, 18-Aug-2050 02:01:18 GMT',
    'Thu, 18 Aug 2050 02.01.18 GMT',
    'Thu, 18 Aug 2050 2:01:18 GMT',
    'THU, 18 Aug 2050 02:01:18 GMT',
    'Thu, 18 AUG 2050 02:01:18 GMT',
    'Thu, 18 Aug 2050 02:01:18 gMT',
    'Thu, 18 Aug 2050 02:01:18 +0000',
    'Thu, 31 Feb 2050 02:01:18 GMT',
    'Thu, 18 Aug 2050 24:00:00 GMT',
    'Thursday, 18-Aug-2050 02:01:18 GMT',
    'Thu, 18-Aug-50 02:01:18 GMT',
    'Sun Nov 6 08:49:37 1994',
    'Sun Nov  6 08:49:37 1994 GMT',
    '2050',
    '2050-08-18T02:01:18Z',
    '0',
    '-1',
    ''
  ])('%j is not a date', value => {
    expect(parseHttpDate(value, NOW)).toBeUndefined()
  })

  const lifetime = (expires: string, date?: string) =>
    sharedCaching({
      status: 200,
      directives: parseCacheControl([]),
      expires,
      date,
      receivedAt: NOW
    })

  it.each<[string, string | undefined, number, string]>([
    [
      'Mon, 01 Jun 2026 01:00:00 GMT',
      undefined,
      3600,
      'Expires Mon, 01 Jun 2026 01:00:00 GMT'
    ],
    [
      'Mon Jun  1 01:00:00 2026',
      undefined,
      3600,
      'Expires Mon Jun  1 01:00:00 2026'
    ],
    [
      'Monday, 01-Jun-26 01:00:00 GMT',
      undefined,
      3600,
      'Expires Monday, 01-Jun-26 01:00:00 GMT'
    ],
    // An invalid Date is replaced by the time the response arrived.
    [
      'Mon, 01 Jun 2026 01:00:00 GMT',
      'Mon, 01 Jun 2026 00:30:00 UTC',
      3600,
      'Expires Mon, 01 Jun 2026 01:00:00 GMT'
    ],
    [
      'Mon, 01 Jun 2026 01:00:00 GMT',
      'Mon, 01 Jun 2026 00:30:00 GMT',
      1800,
      'Expires Mon, 01 Jun 2026 01:00:00 GMT'
    ],
    [
      'Mon, 01 Jun 2026 01:00:00 UTC',
      undefined,
      0,
      'Expires "Mon, 01 Jun 2026 01:00:00 UTC" is not an HTTP date, so already expired'
    ],
    [
      'Mon 01 Jun 2026 01:00:00 GMT',
      undefined,
      0,
      'Expires "Mon 01 Jun 2026 01:00:00 GMT" is not an HTTP date, so already expired'
    ],
    [
      '2027',
      undefined,
      0,
      'Expires "2027" is not an HTTP date, so already expired'
    ]
  ])('Expires %j, Date %j: %i s', (expires, date, seconds, source) => {
    expect(lifetime(expires, date)).toMatchObject({
      storable: true,
      lifetime: seconds,
      lifetimeSource: source
    })
  })

  it('end to end: an Expires in UTC fails, the same date in asctime passes', async () => {
    const [message] = messages(
      await runItem('{ path: /expires-utc, expect: public, min_max_age: 3600 }')
    )
    expect(message).toMatch(
      /^no Cache-Control: shared caches may serve it 0 s without asking the origin \(Expires ".* UTC" is not an HTTP date, so already expired\); expected max-age or s-maxage ≥ 3600$/
    )
    expect(
      await runItem(
        '{ path: /expires-asctime, expect: public, min_max_age: 3600 }'
      )
    ).toMatchObject({ ok: true, findings: [] })
  })
})

describe('rule 8: must-understand with a known status overrides no-store (RFC 9111 §5.2.2.3)', () => {
  it.each<[string, number, boolean, string | undefined]>([
    ['max-age=600, no-store, must-understand', 200, true, undefined],
    ['max-age=600, no-store, must-understand', 404, true, undefined],
    ['max-age=600, must-understand', 200, true, undefined],
    [
      'max-age=600, no-store, must-understand',
      299,
      false,
      'must-understand with status 299, which caches do not know,'
    ],
    [
      'max-age=600, must-understand',
      555,
      false,
      'must-understand with status 555, which caches do not know,'
    ],
    ['max-age=600, no-store', 200, false, 'no-store']
  ])(
    '%j with status %i: storable %s',
    (header, status, storable, blockedBy) => {
      const caching = sharedCaching({
        status,
        directives: parseCacheControl([header]),
        receivedAt: NOW
      })
      expect(caching.storable).toBe(storable)
      expect(caching.blockedBy).toBe(blockedBy)
      if (storable) expect(caching.lifetime).toBe(600)
    }
  )

  it('end to end: passes expect public with a note, fails expect private', async () => {
    const shown =
      'Cache-Control "public, max-age=600, no-store, must-understand"'
    const pub = await runItem('{ path: /must-understand, expect: public }')
    expect(pub).toMatchObject({ ok: true, findings: [] })
    expect(pub.notes).toEqual([
      'must-understand with status 200: caches that implement it store the response despite no-store (RFC 9111 §5.2.2.3)'
    ])
    expect(
      messages(await runItem('{ path: /must-understand, expect: private }'))
    ).toEqual([
      `${shown}: shared caches may store this private response (must-understand with a status caches know overrides no-store); expected private or no-store`
    ])
  })
})

describe('rule 9: a response to a request with Authorization (RFC 9111 §3.5)', () => {
  it.each<[string, string | undefined, boolean, boolean]>([
    ['max-age=600', undefined, true, false],
    ['', 'Mon, 01 Jun 2026 01:00:00 GMT', true, false],
    ['public, max-age=600', undefined, true, true],
    ['s-maxage=600', undefined, true, true],
    ['max-age=600, must-revalidate', undefined, true, true],
    ['max-age=600', undefined, false, true],
    ['', 'Mon, 01 Jun 2026 01:00:00 GMT', false, true]
  ])(
    '%j (Expires %j), Authorization %s: storable %s',
    (header, expires, authorized, storable) => {
      const caching = sharedCaching({
        status: 200,
        directives: parseCacheControl([header]),
        expires,
        authorized,
        receivedAt: NOW
      })
      expect(caching.storable).toBe(storable)
      if (!storable) expect(caching.blockedBy).toBe('Authorization')
    }
  )

  /** Runs an item as the action does when defaults.headers set Authorization. */
  async function runAuthorized(item: string): Promise<UnitOutcome> {
    const { policy } = policyFrom(`version: 1\ncache:\n  - ${item}\n`)
    const [unit] = cacheCheck.units(policy.cache!, policy)
    const ctx = testContext({
      target: new URL(site.url),
      httpOptions: {
        targetOrigin: new URL(site.url).origin,
        targetHeaders: { Authorization: 'Basic c2VjcmV0LXRva2Vu' }
      }
    })
    return runUnit(unit, ctx)
  }

  it('end to end: judges the answer for the request actually sent, and says so', async () => {
    const before = site.requests.length
    const outcome = await runAuthorized(
      '{ path: /auth-max-age, expect: public }'
    )
    expect(site.requests[before].headers.authorization).toBe(
      'Basic c2VjcmV0LXRva2Vu'
    )
    expect(messages(outcome)).toEqual([
      'Cache-Control "max-age=600": the request carried Authorization (from defaults.headers), and shared caches store the answer to such a request only with public, s-maxage or must-revalidate; expected public caching with a positive max-age or s-maxage'
    ])
    expect(JSON.stringify(outcome)).not.toContain('c2VjcmV0LXRva2Vu')

    const open = await runAuthorized('{ path: /auth-public, expect: public }')
    expect(open).toMatchObject({ ok: true, findings: [] })
    expect(open.notes).toEqual([
      'the request carried Authorization (from defaults.headers); public, s-maxage or must-revalidate lets shared caches store the answer anyway'
    ])
    // Without Authorization the same answer is storable.
    expect((await runItem('{ path: /auth-max-age, expect: public }')).ok).toBe(
      true
    )
  })
})

describe('rule 10: heuristic freshness and Age are said, the verdict unchanged (RFC 9111 §4.2)', () => {
  const judge = (
    headers: Record<string, string>,
    item: string,
    status = 200
  ) => {
    const { policy } = policyFrom(`version: 1\ncache:\n  - ${item}\n`)
    return evaluateCache(
      policy.cache![0],
      { status, headers },
      { receivedAt: NOW }
    )
  }
  const date = 'Mon, 01 Jun 2026 00:00:00 GMT'
  const monthOld = 'Sat, 02 May 2026 00:00:00 GMT'
  const guess =
    'without an explicit lifetime, caches may guess one from Last-Modified: about 3 days (10% of its age)'
  const stale = (age: number, lifetime: number) =>
    `Age ${age} s already uses up the ${lifetime} s lifetime: the response is stale when it reaches this edge, so each use goes back to the origin`

  it.each<
    [
      string,
      Record<string, string>,
      string,
      number,
      boolean,
      string[],
      string[]
    ]
  >([
    [
      'Last-Modified without a lifetime, expect public',
      { date, 'last-modified': monthOld },
      '{ path: /, expect: public }',
      200,
      false,
      [
        `no Cache-Control: shared caches may serve it 0 s without asking the origin (no max-age, s-maxage or Expires); expected a positive max-age or s-maxage; ${guess}`
      ],
      []
    ],
    [
      'Last-Modified without a lifetime, expect private',
      { date, 'last-modified': monthOld },
      '{ path: /, expect: private }',
      200,
      false,
      [
        `no Cache-Control: shared caches may store this private response; expected private or no-store; ${guess}`
      ],
      []
    ],
    [
      'Last-Modified with min_max_age 0 passes, with a note',
      { date, 'last-modified': monthOld },
      '{ path: /, expect: public, min_max_age: 0 }',
      200,
      true,
      [],
      [guess]
    ],
    [
      'Last-Modified with max-age: no guess',
      { date, 'last-modified': monthOld, 'cache-control': 'max-age=600' },
      '{ path: /, expect: public }',
      200,
      true,
      [],
      []
    ],
    [
      'Last-Modified on a status caches do not guess for',
      { date, 'last-modified': monthOld },
      '{ path: /, expect: public, min_max_age: 0 }',
      201,
      true,
      [],
      []
    ],
    [
      'Last-Modified on such a status with public',
      { date, 'last-modified': monthOld, 'cache-control': 'public' },
      '{ path: /, expect: public, min_max_age: 0 }',
      201,
      true,
      [],
      [guess]
    ],
    [
      'Last-Modified that is not an HTTP date',
      { date, 'last-modified': '2026-05-02' },
      '{ path: /, expect: public, min_max_age: 0 }',
      200,
      true,
      [],
      []
    ],
    [
      'Age past the lifetime passes, with a note',
      { 'cache-control': 'public, max-age=600', age: '900' },
      '{ path: /, expect: public, min_max_age: 60 }',
      200,
      true,
      [],
      [stale(900, 600)]
    ],
    [
      'Age equal to the lifetime',
      { 'cache-control': 'public, max-age=600', age: '600' },
      '{ path: /, expect: public }',
      200,
      true,
      [],
      [stale(600, 600)]
    ],
    [
      'Age past a too-short lifetime is said in the finding',
      { 'cache-control': 'public, max-age=600', age: '900' },
      '{ path: /, expect: public, min_max_age: 3600 }',
      200,
      false,
      [
        `Cache-Control "public, max-age=600": shared caches may serve it 600 s without asking the origin (max-age=600); expected max-age or s-maxage ≥ 3600; ${stale(900, 600)}`
      ],
      []
    ],
    [
      'Age within the lifetime',
      { 'cache-control': 'public, max-age=600', age: '100' },
      '{ path: /, expect: public }',
      200,
      true,
      [],
      []
    ],
    [
      'an Age that is not a number',
      { 'cache-control': 'public, max-age=600', age: 'soon' },
      '{ path: /, expect: public }',
      200,
      true,
      [],
      []
    ]
  ])('%s', (_, headers, item, status, ok, findings, notes) => {
    const outcome = judge(headers, item, status)
    expect(messages(outcome)).toEqual(findings)
    expect(outcome.ok).toBe(ok)
    expect(outcome.notes).toEqual(notes)
  })

  it('end to end: through the check against a local server', async () => {
    const [message] = messages(
      await runItem('{ path: /last-modified, expect: public }')
    )
    expect(message).toMatch(
      /; without an explicit lifetime, caches may guess one from Last-Modified: about 3 days \(10% of its age\)$/
    )
    const aged = await runItem(
      '{ path: /aged, expect: public, min_max_age: 60 }'
    )
    expect(aged).toMatchObject({ ok: true, findings: [] })
    expect(aged.notes).toEqual([stale(900, 600)])
  })
})

describe('ages written either way (§7.0)', () => {
  it.each(['86400', '1d', '24h'])('min_max_age: %s', async age => {
    expect(
      messages(
        await runItem(`{ path: /short, expect: public, min_max_age: ${age} }`)
      )
    ).toEqual([
      'Cache-Control "public, max-age=60": shared caches may serve it 60 s without asking the origin (max-age=60); expected max-age or s-maxage ≥ 86400'
    ])
  })
})
