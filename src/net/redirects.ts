/**
 * The one redirect follower: the redirects check walks chains with it, and
 * every check that fetches with redirects followed (pages, the served
 * bundle, journey steps, `init --url`) follows them through it. The HTTP
 * client itself never follows a redirect.
 */
import type { HttpResponse } from './http.ts'

/** The statuses a client follows (RFC 9110 §15.4); 300 and 304 are not. */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** One response on the way, and where it points. */
export interface Hop {
  url: URL
  status: number
  /** The Location header as sent, for redirect statuses. */
  location?: string
  /** Location resolved against `url`; absent when missing or malformed. */
  next?: URL
}

/** Every response of a chain, and why the walk stopped. */
export interface RedirectWalk {
  hops: Hop[]
  /**
   * `final`: a non-redirect answer; `stopped`: `send` gave up (no answer,
   * a budget spent); the others end the walk at a redirect.
   */
  end:
    | 'final'
    | 'stopped'
    | 'loop'
    | 'no-location'
    | 'malformed'
    | 'too-long'
    | 'off-host'
}

type Answer = Pick<HttpResponse, 'status' | 'headers'>

export interface WalkOptions {
  /** Requests at most: the first one and the redirects followed. */
  maxRequests: number
  /** Hosts the walk may go on to (§7.0 host rule); default: any. */
  allowed?: (url: URL) => boolean
}

/**
 * Follows a chain one request at a time, stopping at a non-redirect answer,
 * a loop, a missing or bad Location, a host not allowed, `maxRequests`, or
 * when `send` returns nothing. `last` is the last answer received.
 */
export async function walkRedirects<R extends Answer>(
  from: URL,
  send: (url: URL) => Promise<R | undefined>,
  options: WalkOptions
): Promise<RedirectWalk & { last?: R }> {
  const { maxRequests, allowed = () => true } = options
  const hops: Hop[] = []
  const visited = new Set([withoutHash(from)])
  let last: R | undefined
  const end = (why: RedirectWalk['end']) => ({ hops, end: why, last })
  for (let url = from; ;) {
    const res = await send(url)
    if (!res) return end('stopped')
    last = res
    const hop: Hop = { url, status: res.status }
    hops.push(hop)
    if (!REDIRECT_STATUSES.has(res.status)) return end('final')
    const location = res.headers.location
    hop.location = Array.isArray(location) ? location.join(', ') : location
    if (hop.location === undefined) return end('no-location')
    hop.next = parseLocation(hop.location, url)
    if (!hop.next) return end('malformed')
    if (visited.has(withoutHash(hop.next))) return end('loop')
    if (hops.length >= maxRequests) return end('too-long')
    if (!allowed(hop.next)) return end('off-host')
    visited.add(withoutHash(hop.next))
    url = hop.next
  }
}

/**
 * A Location resolved against the URL that sent it; undefined when it is
 * not a valid http(s) URI reference (whitespace, bad host, other scheme).
 */
export function parseLocation(location: string, base: URL): URL | undefined {
  const trimmed = location.trim()
  // eslint-disable-next-line no-control-regex -- control characters are what it rejects
  if (!trimmed || /[\s\u0000-\u001f\u007f]/.test(trimmed)) return undefined
  try {
    const url = new URL(trimmed, base)
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url
      : undefined
  } catch {
    return undefined
  }
}

/** A URL without its fragment: what a loop compares. */
export function withoutHash(url: URL): string {
  return url.href.replace(/#.*$/, '')
}
