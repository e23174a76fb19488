import type { HttpResponse } from '../net/http.ts'
import type { Policy } from '../policy/schema.ts'
import { asList } from '../util/list.ts'
import { fieldValue } from './http-headers/fields.ts'
import { failedOutcome } from './outcome.ts'
import { resolveUrl } from './target.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'
import { requestsPlan } from './plan.ts'

export type RedirectsSection = NonNullable<Policy['redirects']>
export type RedirectRule = RedirectsSection['rules'][number]

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/** Permanent redirects: what canonical-URL rules usually want. */
const DEFAULT_FINAL_STATUSES = [301, 308]

/** Hops followed at most, whatever max_hops says: enough to show a chain. */
export const MAX_WALK = 20

/** Redirects need the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024

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
  /** `final`: a non-redirect answer; the others end the walk early. */
  end: 'final' | 'loop' | 'no-location' | 'malformed' | 'too-long' | 'off-host'
}

export const redirectsCheck: Check<'redirects'> = {
  kind: 'redirects',
  // Chains are walked up to MAX_WALK hops to show them, whatever max_hops says.
  plan: (section, policy) =>
    requestsPlan(policy, section.rules.length, 'rules', MAX_WALK),
  units: section =>
    section.rules.map((rule, index) => ({
      name: rule.name ?? rule.from,
      level: rule.level ?? section.level ?? 'error',
      policyPath: ['redirects', 'rules', index],
      async run(ctx) {
        const from = urlOf(rule.from, ctx.target)
        const to = urlOf(rule.to, ctx.target)
        const walk = await walkRedirects(
          from,
          url =>
            ctx.http.sendWithRetries({
              url,
              maxBodyBytes: BODY_BYTES,
              signal: ctx.signal
            }),
          hostAllowed([ctx.target, from, to], section.allow_hosts)
        )
        return evaluateRedirects(rule, section, from, to, walk)
      }
    }))
}

/**
 * Follows a chain one request at a time (the client never follows
 * redirects itself), stopping at a non-redirect answer, a loop, a bad
 * Location, or MAX_WALK hops.
 */
export async function walkRedirects(
  from: URL,
  send: (url: URL) => Promise<Pick<HttpResponse, 'status' | 'headers'>>,
  allowed: (url: URL) => boolean = () => true
): Promise<RedirectWalk> {
  const hops: Hop[] = []
  const visited = new Set([withoutHash(from)])
  for (let url = from; ;) {
    const res = await send(url)
    const hop: Hop = { url, status: res.status }
    hops.push(hop)
    if (!REDIRECT_STATUSES.has(res.status)) return { hops, end: 'final' }
    hop.location = fieldValue(res.headers, 'location')
    if (hop.location === undefined) return { hops, end: 'no-location' }
    hop.next = parseLocation(hop.location, url)
    if (!hop.next) return { hops, end: 'malformed' }
    if (visited.has(withoutHash(hop.next))) return { hops, end: 'loop' }
    if (hops.length >= MAX_WALK) return { hops, end: 'too-long' }
    if (!allowed(hop.next)) return { hops, end: 'off-host' }
    visited.add(withoutHash(hop.next))
    url = hop.next
  }
}

/** Judges a walked chain against its rule; pure, so tests need no server. */
export function evaluateRedirects(
  rule: Pick<RedirectRule, 'status'>,
  section: Pick<RedirectsSection, 'max_hops' | 'allow_relative'>,
  from: URL,
  to: URL,
  walk: RedirectWalk
): UnitOutcome {
  const { hops } = walk
  const redirects = hops.filter(hop => hop.location !== undefined)
  const last = hops[hops.length - 1]
  const chain = describeChain(walk)
  const problems: string[] = []

  hops.forEach((hop, index) => {
    const number = index + 1
    if (hop.location !== undefined && hop.next && isRelative(hop.location)) {
      if (!section.allow_relative) {
        problems.push(
          `hop ${number} Location "${hop.location}" is relative; expected an absolute URL, or allow_relative: true`
        )
      }
    }
    if (hop.url.protocol === 'https:' && hop.next?.protocol === 'http:') {
      problems.push(`hop ${number} downgrades https to http`)
    }
  })

  const allowed =
    rule.status === undefined ? DEFAULT_FINAL_STATUSES : asList(rule.status)
  switch (walk.end) {
    case 'loop': {
      const next = last.next as URL
      const start = hops.findIndex(
        hop => withoutHash(hop.url) === withoutHash(next)
      )
      const cycle = [...hops.slice(start).map(hop => hop.url.href), next.href]
      problems.push(`redirect loop: ${cycle.join(' → ')}`)
      break
    }
    case 'malformed':
      problems.push(
        `hop ${hops.length} Location "${last.location}" is malformed; expected an absolute http(s) URL`
      )
      break
    case 'off-host':
      problems.push(
        `stopped at hop ${hops.length}: ${(last.next as URL).host} is neither the target, the rule's from/to hosts nor in redirects.allow_hosts`
      )
      break
    case 'no-location':
      problems.push(
        `hop ${hops.length} is a ${last.status} without a Location header`
      )
      break
    case 'too-long':
      problems.push(
        `still redirecting after ${MAX_WALK} hops; max_hops is ${section.max_hops}`
      )
      break
    case 'final': {
      if (redirects.length === 0) {
        if (withoutHash(from) !== withoutHash(to)) {
          problems.push(
            `no redirect: answered ${last.status}; expected a redirect to ${to.href}`
          )
        }
        break
      }
      if (redirects.length > section.max_hops) {
        problems.push(`${redirects.length} hops > max_hops ${section.max_hops}`)
      }
      if (withoutHash(last.url) !== withoutHash(to)) {
        problems.push(`ends at ${last.url.href}; expected ${to.href}`)
      }
      const finalHop = redirects[redirects.length - 1]
      if (!allowed.includes(finalHop.status)) {
        problems.push(
          `final hop is ${finalHop.status}; expected ${allowed.join(' or ')}`
        )
      }
    }
  }

  const metrics = {
    hops: redirects.length,
    chain,
    final_url: (last.next ?? last.url).href,
    final_status: last.status
  }
  const findings: Finding[] = problems.map(problem => ({
    message: `${chain} (${problem})`
  }))
  if (findings.length === 0) {
    const summary =
      redirects.length === 0
        ? `${from.href} answers ${last.status} without redirecting`
        : `${chain} (${redirects.length} hop${redirects.length === 1 ? '' : 's'}, then ${last.status})`
    return { ok: true, summary, metrics, findings }
  }
  return failedOutcome(findings, metrics)
}

/** `http://a/ → 302 https://www.a/ → 301 https://a/`: every hop, as seen. */
export function describeChain(walk: RedirectWalk): string {
  let text = walk.hops[0].url.href
  for (const hop of walk.hops) {
    if (!REDIRECT_STATUSES.has(hop.status)) break
    const target =
      hop.next?.href ??
      (hop.location === undefined ? '(no Location)' : `"${hop.location}"`)
    text += ` → ${hop.status} ${target}`
  }
  return text
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

/** A reference without a scheme: `/path`, `//host/path`, `page`. */
function isRelative(location: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(location.trim())
}

/**
 * The hosts a chain may visit (§7.0 host rule): those of the target and
 * the rule, and `allow_hosts` (`*.example.com` covers its subdomains).
 */
function hostAllowed(
  known: readonly (URL | undefined)[],
  allowHosts: readonly string[]
): (url: URL) => boolean {
  const exact = new Set(known.flatMap(url => (url ? [url.hostname] : [])))
  const suffixes: string[] = []
  for (const host of allowHosts) {
    const lower = host.toLowerCase()
    if (lower.startsWith('*.')) suffixes.push(lower.slice(1))
    else exact.add(lower)
  }
  return url =>
    exact.has(url.hostname) || suffixes.some(s => url.hostname.endsWith(s))
}

function withoutHash(url: URL): string {
  return url.href.replace(/#.*$/, '')
}

function urlOf(value: string, target: URL | undefined): URL {
  return value.startsWith('/')
    ? resolveUrl({ path: value }, target)
    : new URL(value)
}
