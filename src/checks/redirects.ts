import {
  REDIRECT_STATUSES,
  walkRedirects,
  withoutHash,
  type RedirectWalk
} from '../net/redirects.ts'
import type { Policy } from '../policy/schema.ts'
import { asList } from '../util/list.ts'
import { failedOutcome } from './outcome.ts'
import { resolveUrl } from './target.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'
import { requestsPlan } from './plan.ts'

export type RedirectsSection = NonNullable<Policy['redirects']>
export type RedirectRule = RedirectsSection['rules'][number]

/** Permanent redirects: what canonical-URL rules usually want. */
const DEFAULT_FINAL_STATUSES = [301, 308]

/** Hops followed at most, whatever max_hops says: enough to show a chain. */
export const MAX_WALK = 20

/** Redirects need the headers only: the body is read no further than this. */
const BODY_BYTES = 16 * 1024

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
          {
            maxRequests: MAX_WALK,
            allowed: hostAllowed([ctx.target, from, to], section.allow_hosts)
          }
        )
        return evaluateRedirects(rule, section, from, to, walk)
      }
    }))
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

function urlOf(value: string, target: URL | undefined): URL {
  return value.startsWith('/')
    ? resolveUrl({ path: value }, target)
    : new URL(value)
}
