import type { HttpResponse } from '../net/http.ts'
import type { Policy } from '../policy/schema.ts'
import {
  deltaSeconds,
  parseCacheControl,
  qualifiedFields,
  type CacheDirectives
} from './http-headers/cache-control.ts'
import { fieldLines, fieldValue, formatSeconds } from './http-headers/fields.ts'
import { parseHttpDate } from './http-headers/http-date.ts'
import { parseSetCookie } from './http-headers/set-cookie.ts'
import { failedOutcome } from './outcome.ts'
import { itemLabel, resolveUrl } from './target.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'
import { requestsPlan } from './plan.ts'

export type CacheItem = NonNullable<Policy['cache']>[number]

/** Caching needs the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024

export const cacheCheck: Check<'cache'> = {
  kind: 'cache',
  plan: (items, policy) => requestsPlan(policy, items.length, 'items'),
  units: items =>
    items.map((item, index) => ({
      name: itemLabel(item),
      level: item.level,
      policyPath: ['cache', index],
      async run(ctx) {
        const url = resolveUrl(item, ctx.target)
        const res = await ctx.http.sendWithRetries({
          url,
          maxBodyBytes: BODY_BYTES,
          signal: ctx.signal
        })
        // Judged for the request actually sent (RFC 9111 §3.5).
        const authorized = 'authorization' in ctx.http.headersFor(url)
        return evaluateCache(item, res, { authorized })
      }
    }))
}

/** Status codes RFC 9110 defines: a cache that implements must-understand knows them. */
const UNDERSTOOD_STATUS = new Set([
  100, 101, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304, 305,
  307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412,
  413, 414, 415, 416, 417, 421, 422, 426, 500, 501, 502, 503, 504, 505
])

/** Status codes a cache may store without explicit freshness (RFC 9110 §15.1). */
const HEURISTIC_STATUS = new Set([
  200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501
])

/** What a shared cache reads from one exchange. */
export interface CacheInputs {
  status: number
  directives: CacheDirectives
  expires?: string
  date?: string
  lastModified?: string
  age?: string
  /** The request carried Authorization (RFC 9111 §3.5). */
  authorized?: boolean
  /** When the response arrived: stands in for a missing or invalid Date. */
  receivedAt: number
}

/** How shared caches (CDNs, proxies) may treat one response. */
export interface SharedCaching {
  /** A shared cache may store it (RFC 9111 §3, §5.2.2). */
  storable: boolean
  /** Seconds a shared cache may serve it without asking the origin. */
  lifetime: number
  /** What the lifetime comes from, e.g. `s-maxage=600`. */
  lifetimeSource: string
  /** Why it may not be stored, e.g. `no-store`. */
  blockedBy?: string
  /** must-understand with a known status lifted a no-store (§5.2.2.3). */
  noStoreLifted?: boolean
  /**
   * Without an explicit lifetime, the seconds a cache may guess from
   * Last-Modified (§4.2.2: typically 10% of the time since). Reported,
   * never counted as the lifetime.
   */
  heuristic?: number
  /** The Age header in seconds, when it is valid (§5.1). */
  age?: number
}

/**
 * Storability and freshness lifetime for a shared cache (RFC 9111):
 * must-understand stores only a status the cache knows, and then overrides
 * no-store; no-store and an unqualified private forbid storing; so does an
 * Authorization on the request, unless public, s-maxage or must-revalidate
 * allow it; no-cache forces a revalidation on every use (lifetime 0); the
 * lifetime is s-maxage, else max-age, else Expires minus Date, with an
 * invalid Expires already expired and an invalid Date replaced by the time
 * the response arrived.
 */
export function sharedCaching(input: CacheInputs): SharedCaching {
  const { directives, status } = input
  const blocked = (blockedBy: string): SharedCaching => ({
    storable: false,
    lifetime: 0,
    lifetimeSource: '',
    blockedBy
  })
  const mustUnderstand = directives.has('must-understand')
  if (mustUnderstand && !UNDERSTOOD_STATUS.has(status)) {
    return blocked(
      `must-understand with status ${status}, which caches do not know,`
    )
  }
  const noStoreLifted = mustUnderstand && directives.has('no-store')
  if (directives.has('no-store') && !noStoreLifted) return blocked('no-store')
  if (directives.get('private') === true) return blocked('private')
  if (
    input.authorized &&
    !directives.has('public') &&
    !directives.has('s-maxage') &&
    !directives.has('must-revalidate')
  ) {
    return blocked('Authorization')
  }
  const age = /^\d+$/.test(input.age?.trim() ?? '')
    ? Number(input.age)
    : undefined
  const caching = { storable: true, noStoreLifted, age }
  if (directives.get('no-cache') === true) {
    return { ...caching, lifetime: 0, lifetimeSource: 'no-cache' }
  }
  for (const name of ['s-maxage', 'max-age']) {
    const seconds = deltaSeconds(directives, name)
    if (seconds !== undefined) {
      return {
        ...caching,
        lifetime: seconds,
        lifetimeSource: `${name}=${seconds}`
      }
    }
  }
  const dateAt =
    parseHttpDate(input.date ?? '', input.receivedAt) ?? input.receivedAt
  if (input.expires !== undefined) {
    const expiresAt = parseHttpDate(input.expires, input.receivedAt)
    if (expiresAt === undefined) {
      return {
        ...caching,
        lifetime: 0,
        lifetimeSource: `Expires "${input.expires}" is not an HTTP date, so already expired`
      }
    }
    return {
      ...caching,
      lifetime: Math.max(0, Math.floor((expiresAt - dateAt) / 1000)),
      lifetimeSource: `Expires ${input.expires}`
    }
  }
  const modifiedAt = parseHttpDate(input.lastModified ?? '', input.receivedAt)
  const guessed =
    modifiedAt !== undefined &&
    (HEURISTIC_STATUS.has(status) || directives.has('public'))
      ? Math.floor((dateAt - modifiedAt) / 10_000)
      : 0
  return {
    ...caching,
    lifetime: 0,
    lifetimeSource: 'no max-age, s-maxage or Expires',
    ...(guessed > 0 ? { heuristic: guessed } : {})
  }
}

/** How the request was sent, which decides what a cache may do with the answer. */
export interface CacheRequest {
  /** The request carried Authorization (from `defaults.headers`). */
  authorized?: boolean
  receivedAt?: number
}

/** Judges one response against a cache item; pure, so tests need no server. */
export function evaluateCache(
  item: CacheItem,
  res: Pick<HttpResponse, 'status' | 'headers'>,
  request: CacheRequest = {}
): UnitOutcome {
  const findings: Finding[] = []
  const notes: string[] = []
  const header = fieldValue(res.headers, 'cache-control')
  const shown =
    header === undefined ? 'no Cache-Control' : `Cache-Control "${header}"`
  const directives = parseCacheControl(fieldLines(res.headers, 'cache-control'))
  const caching = sharedCaching({
    status: res.status,
    directives,
    expires: fieldValue(res.headers, 'expires'),
    date: fieldValue(res.headers, 'date'),
    lastModified: fieldValue(res.headers, 'last-modified'),
    age: fieldValue(res.headers, 'age'),
    authorized: request.authorized,
    receivedAt: request.receivedAt ?? Date.now()
  })
  const vary = fieldValue(res.headers, 'vary')
  const cookies = fieldLines(res.headers, 'set-cookie')
  // What a cache does beyond the verdict: said in the finding, else noted.
  const asides = cachingAsides(caching)
  let asidesSaid = false
  const withAsides = (message: string) => {
    asidesSaid = true
    return message + asides.map(aside => `; ${aside}`).join('')
  }

  if (res.status < 200 || res.status >= 300) {
    findings.push({
      message: `status ${res.status}: expected a 2xx answer to judge its caching (point the item at the final URL)`
    })
  }

  if (item.expect === 'public') {
    const minimum = item.min_max_age ?? 1
    const wanted =
      item.min_max_age === undefined
        ? 'a positive max-age or s-maxage'
        : `max-age or s-maxage ≥ ${item.min_max_age}`
    if (caching.blockedBy === 'Authorization') {
      findings.push({
        message: `${shown}: the request carried Authorization (from defaults.headers), and shared caches store the answer to such a request only with public, s-maxage or must-revalidate; expected public caching with ${wanted}`
      })
    } else if (!caching.storable) {
      findings.push({
        message: `${shown}: ${caching.blockedBy} keeps shared caches from storing it; expected public caching with ${wanted}`
      })
    } else if (caching.lifetime < minimum) {
      findings.push({
        message: withAsides(
          `${shown}: shared caches may serve it ${caching.lifetime} s without asking the origin (${caching.lifetimeSource}); expected ${wanted}`
        )
      })
    }
    if (vary?.split(',').some(field => field.trim() === '*')) {
      findings.push({
        message: `Vary "${vary}": "*" makes every request a cache miss; expected Vary to list request headers`
      })
    }
  } else if (
    directives.get('private') !== true &&
    (!directives.has('no-store') || caching.noStoreLifted)
  ) {
    // Visitors' requests carry no Authorization: it exempts nothing here.
    const lifted = caching.noStoreLifted
      ? ' (must-understand with a status caches know overrides no-store)'
      : ''
    findings.push({
      message: withAsides(
        `${shown}: shared caches may store this private response${lifted}; expected private or no-store`
      )
    })
  }
  if (caching.storable && request.authorized) {
    notes.push(
      'the request carried Authorization (from defaults.headers); public, s-maxage or must-revalidate lets shared caches store the answer anyway'
    )
  }
  if (caching.noStoreLifted && item.expect === 'public') {
    notes.push(
      `must-understand with status ${res.status}: caches that implement it store the response despite no-store (RFC 9111 §5.2.2.3)`
    )
  }
  if (!asidesSaid) notes.push(...asides)

  // A cookie stored with a public page is handed to every later visitor.
  const cookieShared =
    !qualifiedFields(directives, 'private').includes('set-cookie') &&
    !qualifiedFields(directives, 'no-cache').includes('set-cookie')
  if (
    cookies.length > 0 &&
    caching.storable &&
    caching.lifetime > 0 &&
    cookieShared
  ) {
    findings.push({
      message: `sets a cookie (${cookieNames(cookies)}) on a response shared caches may store for ${formatSeconds(caching.lifetime)} (${shown}); make it private or no-store, or stop setting the cookie here`
    })
  }

  const metrics = {
    status: res.status,
    cache_control: header ?? '',
    shared_lifetime_s: caching.storable ? caching.lifetime : 0,
    ...(vary === undefined ? {} : { vary }),
    sets_cookie: cookies.length > 0
  }
  if (findings.length === 0) {
    const summary =
      item.expect === 'public'
        ? `shared caches may keep it ${formatSeconds(caching.lifetime)} (${shown})`
        : `private: ${shown}`
    return { ok: true, summary, metrics, findings, notes }
  }
  return { ...failedOutcome(findings, metrics), notes }
}

/**
 * What caches do that the verdict does not count (RFC 9111 §4.2.2, §4.2.3):
 * a heuristic lifetime guessed from Last-Modified, and an Age that already
 * uses up the lifetime (the response is stale when it reaches this edge).
 */
function cachingAsides(caching: SharedCaching): string[] {
  const asides: string[] = []
  if (caching.heuristic !== undefined) {
    asides.push(
      `without an explicit lifetime, caches may guess one from Last-Modified: about ${formatSeconds(caching.heuristic)} (10% of its age)`
    )
  }
  if (
    caching.storable &&
    caching.age !== undefined &&
    caching.lifetime > 0 &&
    caching.age >= caching.lifetime
  ) {
    asides.push(
      `Age ${caching.age} s already uses up the ${caching.lifetime} s lifetime: the response is stale when it reaches this edge, so each use goes back to the origin`
    )
  }
  return asides
}

/** Cookie names only: a cookie's value may be a session token. */
function cookieNames(lines: readonly string[]): string {
  return lines.map(line => `"${parseSetCookie(line).name}"`).join(', ')
}
