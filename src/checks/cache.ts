import type { HttpResponse } from '../net/http.ts'
import type { Policy } from '../policy/schema.ts'
import {
  deltaSeconds,
  parseCacheControl,
  qualifiedFields,
  type CacheDirectives
} from './http-headers/cache-control.ts'
import { fieldLines, fieldValue, formatSeconds } from './http-headers/fields.ts'
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
        const res = await ctx.http.sendWithRetries({
          url: resolveUrl(item, ctx.target),
          maxBodyBytes: BODY_BYTES,
          signal: ctx.signal
        })
        return evaluateCache(item, res)
      }
    }))
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
}

/**
 * Storability and freshness lifetime for a shared cache: `no-store` and an
 * unqualified `private` forbid storing; `no-cache` forces a revalidation on
 * every use (lifetime 0); the lifetime is `s-maxage`, else `max-age`, else
 * Expires minus Date (RFC 9111 §4.2.1).
 */
export function sharedCaching(
  directives: CacheDirectives,
  expires: string | undefined,
  date: string | undefined,
  receivedAt: number
): SharedCaching {
  if (directives.has('no-store')) {
    return {
      storable: false,
      lifetime: 0,
      lifetimeSource: '',
      blockedBy: 'no-store'
    }
  }
  if (directives.get('private') === true) {
    return {
      storable: false,
      lifetime: 0,
      lifetimeSource: '',
      blockedBy: 'private'
    }
  }
  if (directives.get('no-cache') === true) {
    return { storable: true, lifetime: 0, lifetimeSource: 'no-cache' }
  }
  for (const name of ['s-maxage', 'max-age']) {
    const seconds = deltaSeconds(directives, name)
    if (seconds !== undefined) {
      return {
        storable: true,
        lifetime: seconds,
        lifetimeSource: `${name}=${seconds}`
      }
    }
  }
  if (expires !== undefined) {
    // An invalid Expires (often "0" or "-1") means already expired.
    const expiresAt = Date.parse(expires)
    const dateAt = date === undefined ? NaN : Date.parse(date)
    const now = Number.isNaN(dateAt) ? receivedAt : dateAt
    const lifetime = Number.isNaN(expiresAt)
      ? 0
      : Math.max(0, Math.floor((expiresAt - now) / 1000))
    return { storable: true, lifetime, lifetimeSource: `Expires ${expires}` }
  }
  return {
    storable: true,
    lifetime: 0,
    lifetimeSource: 'no max-age, s-maxage or Expires'
  }
}

/** Judges one response against a cache item; pure, so tests need no server. */
export function evaluateCache(
  item: CacheItem,
  res: Pick<HttpResponse, 'status' | 'headers'>,
  receivedAt = Date.now()
): UnitOutcome {
  const findings: Finding[] = []
  const header = fieldValue(res.headers, 'cache-control')
  const shown =
    header === undefined ? 'no Cache-Control' : `Cache-Control "${header}"`
  const directives = parseCacheControl(fieldLines(res.headers, 'cache-control'))
  const caching = sharedCaching(
    directives,
    fieldValue(res.headers, 'expires'),
    fieldValue(res.headers, 'date'),
    receivedAt
  )
  const vary = fieldValue(res.headers, 'vary')
  const cookies = fieldLines(res.headers, 'set-cookie')

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
    if (!caching.storable) {
      findings.push({
        message: `${shown}: ${caching.blockedBy} keeps shared caches from storing it; expected public caching with ${wanted}`
      })
    } else if (caching.lifetime < minimum) {
      findings.push({
        message: `${shown}: shared caches may serve it ${caching.lifetime} s without asking the origin (${caching.lifetimeSource}); expected ${wanted}`
      })
    }
    if (vary?.split(',').some(field => field.trim() === '*')) {
      findings.push({
        message: `Vary "${vary}": "*" makes every request a cache miss; expected Vary to list request headers`
      })
    }
  } else if (
    !directives.has('no-store') &&
    directives.get('private') !== true
  ) {
    findings.push({
      message: `${shown}: shared caches may store this private response; expected private or no-store`
    })
  }

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
    return { ok: true, summary, metrics, findings }
  }
  return failedOutcome(findings, metrics)
}

/** Cookie names only: a cookie's value may be a session token. */
function cookieNames(lines: readonly string[]): string {
  return lines.map(line => `"${parseSetCookie(line).name}"`).join(', ')
}
