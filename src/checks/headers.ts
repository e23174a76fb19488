import type { HttpResponse } from '../net/http.ts'
import type { Policy } from '../policy/schema.ts'
import { scanPage, upgradesInsecureRequests } from './html/mixed-content.ts'
import { fieldLines, fieldValue, formatSeconds } from './http-headers/fields.ts'
import { HSTS_CAP_SECONDS, parseHsts } from './http-headers/hsts.ts'
import {
  missingCookieFlags,
  parseSetCookie
} from './http-headers/set-cookie.ts'
import { adviceSuffix, failedOutcome } from './outcome.ts'
import { resolveUrl } from './target.ts'
import type { Check, Finding, UnitOutcome } from './types.ts'
import { requestsPlan } from './plan.ts'
import { BoundedRegex, RegexTimeoutError } from '../util/bounded-regex.ts'

export type HeadersSection = NonNullable<Policy['headers']>

/** HSTS as checked when the policy does not say: the Observatory's 180 days. */
export const DEFAULT_HSTS = {
  min_max_age: 15_552_000,
  include_subdomains: false
}

export const headersCheck: Check<'headers'> = {
  kind: 'headers',
  plan: (section, policy) =>
    requestsPlan(policy, section.paths.length, 'paths'),
  units: section =>
    section.paths.map((path, index) => ({
      name: path,
      level: section.level ?? 'error',
      policyPath: ['headers', 'paths', index],
      async run(ctx) {
        const res = await ctx.http.sendWithRetries({
          url: resolveUrl({ path }, ctx.target),
          signal: ctx.signal
        })
        return evaluateHeaders(section, res)
      }
    }))
}

/**
 * Judges one response against the headers section; pure. HSTS, `require`
 * and `forbid` decide pass or fail; insecure cookies and mixed content are
 * reported as warnings that do not fail the path on their own.
 */
export function evaluateHeaders(
  section: Pick<HeadersSection, 'hsts' | 'require' | 'forbid'>,
  res: Pick<HttpResponse, 'url' | 'status' | 'headers' | 'body'>
): UnitOutcome {
  const failures: Finding[] = []
  const https = res.url.protocol === 'https:'

  if (res.status >= 400) {
    failures.push({
      message: `status ${res.status}: expected a page that answers, to judge its headers`
    })
  }
  const hsts = section.hsts === undefined ? DEFAULT_HSTS : section.hsts
  if (hsts && https) {
    failures.push(
      ...hstsFindings(
        hsts,
        fieldLines(res.headers, 'strict-transport-security')
      )
    )
  } else if (hsts && section.hsts !== undefined) {
    failures.push({
      message: `HSTS is required but ${res.url.href} is plain http, where browsers ignore it; serve it over https or set hsts: false`
    })
  }
  for (const name of section.require) {
    const value = fieldValue(res.headers, name)
    if (value === undefined) {
      failures.push({ message: `required header ${name} is missing: add it` })
    } else if (!value.trim()) {
      failures.push({
        message: `required header ${name} is empty: give it a value`
      })
    }
  }
  for (const rule of section.forbid) {
    const name = typeof rule === 'string' ? rule : rule.header
    const value = fieldValue(res.headers, name)
    if (value === undefined) continue
    if (typeof rule === 'string') {
      failures.push({
        message: `forbidden header ${name} is present: remove it`
      })
    } else {
      try {
        if (new BoundedRegex(rule.matching).test(value)) {
          failures.push({
            message: `header ${name} is "${value}", which matches the forbidden /${rule.matching}/: change or remove it`
          })
        }
      } catch (error) {
        if (!(error instanceof RegexTimeoutError)) throw error
        failures.push({ message: `header ${name}: ${error.message}` })
      }
    }
  }

  const warnings: Finding[] = [
    ...(hsts ? hstsPolicyAdvice(hsts.min_max_age) : []),
    ...(https ? [...cookieWarnings(res), ...mixedContentWarnings(res)] : [])
  ].map(f => ({ ...f, severity: 'warning' as const }))
  const metrics = { status: res.status, warnings: warnings.length }
  const findings = [...failures, ...warnings]
  if (failures.length > 0) return failedOutcome(findings, metrics)
  const checked = [
    !hsts ? 'HSTS not checked' : https ? 'HSTS ok' : 'HSTS not checked (http)',
    `${section.require.length} required present`,
    `none of ${section.forbid.length} forbidden`
  ]
  return {
    ok: true,
    summary: `${res.status}: ${checked.join(', ')}${adviceSuffix(warnings)}`,
    metrics,
    findings
  }
}

/** HSTS by RFC 6797: only the first header counts; it must parse to count. */
export function hstsFindings(
  want: { min_max_age: number; include_subdomains: boolean },
  lines: readonly string[]
): Finding[] {
  const expected = `max-age ≥ ${want.min_max_age} (${formatSeconds(want.min_max_age)})${want.include_subdomains ? ' with includeSubDomains' : ''}`
  if (lines.length === 0) {
    return [
      { message: `Strict-Transport-Security is missing; expected ${expected}` }
    ]
  }
  const parsed = parseHsts(lines[0])
  if (!parsed.valid) {
    return [
      {
        message: `Strict-Transport-Security "${lines[0]}" is invalid (${parsed.problem}), so browsers ignore it; expected ${expected}`
      }
    ]
  }
  const findings: Finding[] = []
  if (parsed.hsts.maxAge < want.min_max_age) {
    findings.push({
      message: `Strict-Transport-Security max-age=${parsed.hsts.maxAge} (${formatSeconds(parsed.hsts.maxAge)}) is below ${want.min_max_age} (${formatSeconds(want.min_max_age)}): raise it`
    })
  }
  if (want.include_subdomains && !parsed.hsts.includeSubDomains) {
    findings.push({
      message: `Strict-Transport-Security "${lines[0]}" lacks includeSubDomains, which include_subdomains: true requires`
    })
  }
  return findings
}

/** A minimum over a year asks for more than any browser keeps. */
function hstsPolicyAdvice(minMaxAge: number): Finding[] {
  if (minMaxAge <= HSTS_CAP_SECONDS) return []
  return [
    {
      rule: 'hsts-over-a-year',
      message: `hsts.min_max_age ${minMaxAge} (${formatSeconds(minMaxAge)}) is over a year, but no browser keeps HSTS longer than a year (${HSTS_CAP_SECONDS} s) whatever max-age says: lower it to ${HSTS_CAP_SECONDS}`
    }
  ]
}

function cookieWarnings(res: Pick<HttpResponse, 'headers'>): Finding[] {
  return fieldLines(res.headers, 'set-cookie').flatMap(line => {
    const cookie = parseSetCookie(line)
    const missing = missingCookieFlags(cookie)
    if (missing.length === 0) return []
    return [
      {
        rule: 'insecure-cookie',
        message: `cookie "${cookie.name}" is set without ${missing.join(', ')}; expected Secure; HttpOnly; SameSite=Lax (or Strict)`
      }
    ]
  })
}

function mixedContentWarnings(
  res: Pick<HttpResponse, 'url' | 'headers' | 'body'>
): Finding[] {
  const type = fieldValue(res.headers, 'content-type') ?? ''
  if (!/^\s*(text\/html|application\/xhtml\+xml)/i.test(type)) return []
  const page = scanPage(res.body.toString('utf8'), res.url)
  const policies = [
    ...fieldLines(res.headers, 'content-security-policy'),
    ...page.metaPolicies
  ]
  if (upgradesInsecureRequests(policies)) return []
  return page.insecure.map(ref => ({
    rule: 'mixed-content',
    file: res.url.href,
    message: ref.submits
      ? `mixed content: <${ref.tag} ${ref.attribute}="${ref.value}"> submits over http from an https page; expected an https URL`
      : `mixed content: <${ref.tag} ${ref.attribute}="${ref.value}"> loads over http on an https page; expected an https URL`
  }))
}
