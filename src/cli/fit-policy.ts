import { isIP } from 'node:net'
import { evaluateCache } from '../checks/cache.ts'
import { evaluateHeaders } from '../checks/headers.ts'
import { fieldValue } from '../checks/http-headers/fields.ts'
import { parseHsts } from '../checks/http-headers/hsts.ts'
import { assetReferences } from '../checks/secrets/sources/bundle.ts'
import { CheckError } from '../errors.ts'
import type { HttpClient, HttpResponse } from '../net/http.ts'
import { walkRedirects } from '../net/redirects.ts'
import { MAX_AGE_SECONDS } from '../util/duration.ts'
import { bareHost } from '../util/host.ts'

/** `init --url` sends at most this many requests to the site. */
export const MAX_PROBES = 10

/** Security headers worth requiring once the site sends them. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
  'permissions-policy'
]

/** Headers that tell attackers the stack; forbidden when the site already hides them. */
const REVEALING_HEADERS = ['x-powered-by', 'x-aspnet-version']

/** A redirect the site answers with, written as a policy rule. */
interface Rule {
  from: URL
  to: URL
  status: number
  hops: number
}

/** Sends at most MAX_PROBES requests, then refuses. */
class Prober {
  sent = 0
  private readonly http: HttpClient
  constructor(http: HttpClient) {
    this.http = http
  }
  get left(): number {
    return MAX_PROBES - this.sent
  }
  async get(url: URL): Promise<HttpResponse> {
    if (this.sent >= MAX_PROBES) {
      throw new CheckError(`no more than ${MAX_PROBES} probes`)
    }
    this.sent++
    return this.http.send({ url, maxBodyBytes: 1024 * 1024 })
  }
  /** Follows redirects (at most `hops`); undefined when nothing answered. */
  async walk(from: URL, hops: number) {
    const chain: HttpResponse[] = []
    const { last } = await walkRedirects(
      from,
      async url => {
        if (this.left === 0) return undefined
        const res = await this.get(url).catch(() => undefined)
        if (res) chain.push(res)
        return res
      },
      { maxRequests: hops + 1 }
    )
    return last ? { chain, end: last } : undefined
  }
}

/**
 * Probes a site with a handful of requests and writes a starter policy that
 * passes against it today: the homepage (status, its title as `contains`),
 * the http→https and www/apex redirects it answers, TLS for its host, the
 * security headers it already sends made required, cache rules for one
 * static asset and the HTML page, a gentle latency budget, secrets in the
 * diff. What it cannot fit is left as a commented suggestion.
 */
export async function fitPolicy(
  start: URL,
  http: HttpClient,
  schemaUrl: string
): Promise<{ text: string; probes: number }> {
  const probe = new Prober(http)
  const home = await probe.walk(start, 3)
  if (!home) {
    throw new CheckError(
      `${start.href} did not answer; run init without --url for the generic starter`
    )
  }
  const page = home.end
  const target = new URL(page.url.origin)
  const rules: Rule[] = []
  if (home.chain.length > 1 && page.url.origin !== start.origin) {
    rules.push(ruleOf(start, home.chain))
  }

  // http → https, and the www / apex twin, as the site answers them.
  const https = target.protocol === 'https:'
  const candidates: URL[] = []
  if (https) candidates.push(new URL(`http://${target.host}/`))
  const twin = twinHost(target.hostname)
  if (twin && start.hostname !== twin) {
    candidates.push(new URL(`${target.protocol}//${twin}/`))
  }
  for (const from of candidates) {
    const walked = await probe.walk(from, 2)
    if (
      walked &&
      walked.chain.length > 1 &&
      walked.end.url.origin === target.origin
    ) {
      rules.push(ruleOf(from, walked.chain))
    }
  }

  const html = page.body.toString('utf8')
  const path = page.url.pathname + page.url.search
  const sections = [
    ...smokeSection(page, path, html),
    ...redirectsSection(rules),
    ...(https
      ? [
          '',
          'tls:',
          `  hosts: [${yamlString(target.host)}]`,
          '  min_days_remaining: 14'
        ]
      : []),
    ...headersSection(page, path),
    ...(await cacheSection(probe, page, path, html)),
    ...latencySection(page, path),
    '',
    '# Secrets in the lines a pull request adds.',
    'secrets:',
    '  scope: diff',
    ''
  ]
  const lines = [
    `# yaml-language-server: $schema=${schemaUrl}`,
    `# Starter policy fitted to ${quoteComment(target.href)} by launch-gate init`,
    `# (${probe.sent} requests). Every check below passed when it was written;`,
    '# tighten budgets as you go. Reference: the README policy reference.',
    'version: 1',
    `target: ${yamlString(target.href)}`,
    '',
    'defaults:',
    '  timeout: 10s',
    '  retries: 1',
    '',
    ...sections
  ]
  return { text: lines.join('\n'), probes: probe.sent }
}

function ruleOf(from: URL, chain: readonly HttpResponse[]): Rule {
  const end = chain.at(-1) as HttpResponse
  return {
    from,
    to: end.url,
    status: chain.at(-2)?.status ?? 301,
    hops: chain.length - 1
  }
}

/** `www.example.com` ↔ `example.com`; none for an IP or a one-label name. */
function twinHost(host: string): string | undefined {
  if (isIP(bareHost(host)) || !host.includes('.')) return undefined
  if (host.startsWith('www.')) {
    const apex = host.slice(4)
    return apex.includes('.') ? apex : undefined
  }
  return `www.${host}`
}

function smokeSection(
  page: HttpResponse,
  path: string,
  html: string
): string[] {
  const lines = [
    '# The homepage answers, with its title.',
    'smoke:',
    '  - name: homepage',
    `    path: ${yamlString(path)}`
  ]
  if (page.status < 400) {
    lines.push(`    status: ${page.status}`)
    const title = pageTitle(html)
    if (title) lines.push(`    contains: ${yamlString(title)}`)
  } else {
    lines.push(`    status: 200  # it answered ${page.status} while probed`)
  }
  lines.push('    max_time: 3s')
  return lines
}

/** The page title as written in the HTML (so `contains` finds it), if plain. */
function pageTitle(html: string): string | undefined {
  const raw = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(html)?.[1]?.trim()
  if (!raw || raw.includes('${') || /\p{Cc}/u.test(raw)) return undefined
  return raw.length > 60 ? raw.slice(0, 60).trimEnd() : raw
}

function redirectsSection(rules: readonly Rule[]): string[] {
  if (rules.length === 0) return []
  const lines = [
    '',
    '# Canonical URLs: the redirects the site answers with today.',
    'redirects:',
    `  max_hops: ${Math.max(...rules.map(rule => rule.hops))}`,
    '  rules:'
  ]
  for (const rule of rules) {
    lines.push(
      `    - from: ${yamlString(rule.from.href)}`,
      `      to: ${yamlString(rule.to.href)}`,
      `      status: ${rule.status}`
    )
  }
  return lines
}

function headersSection(page: HttpResponse, path: string): string[] {
  const present = (name: string) => fieldValue(page.headers, name) !== undefined
  const require = SECURITY_HEADERS.filter(
    name => name !== 'strict-transport-security' && present(name)
  )
  const forbid = REVEALING_HEADERS.filter(name => !present(name))
  const hstsValue = fieldValue(page.headers, 'strict-transport-security')
  const parsed = hstsValue === undefined ? undefined : parseHsts(hstsValue)
  const hsts =
    parsed?.valid === true
      ? {
          min_max_age: Math.min(parsed.hsts.maxAge, 15_552_000),
          include_subdomains: parsed.hsts.includeSubDomains
        }
      : (false as const)
  const section = { hsts, require, forbid }
  const lines = [
    '',
    '# Security headers the site already sends, now required.',
    'headers:',
    `  paths: [${yamlString(path)}]`,
    hsts
      ? `  hsts: { min_max_age: ${hsts.min_max_age}, include_subdomains: ${hsts.include_subdomains} }`
      : page.url.protocol === 'https:'
        ? '  hsts: false  # no valid Strict-Transport-Security yet: add one, then remove this line'
        : '  hsts: false  # plain http: HSTS applies to https only',
    `  require: [${require.join(', ')}]`,
    `  forbid: [${forbid.join(', ')}]`
  ]
  const missing = SECURITY_HEADERS.filter(
    name => name !== 'strict-transport-security' && !present(name)
  )
  if (missing.length > 0) lines.push(`  # not sent yet: ${missing.join(', ')}`)
  if (!evaluateHeaders(section, page).ok) {
    return lines.map(line => (line === '' ? line : `# ${line}`))
  }
  return lines
}

async function cacheSection(
  probe: Prober,
  page: HttpResponse,
  path: string,
  html: string
): Promise<string[]> {
  const lines = [
    '',
    '# One static asset cached by shared caches; the page kept private.',
    'cache:'
  ]
  let rules = 0
  const asset = assetReferences(html, page.url).find(
    url => url.origin === page.url.origin
  )
  const assetRes = asset && (await probe.get(asset).catch(() => undefined))
  if (asset && assetRes && assetRes.status < 400) {
    const assetPath = asset.pathname + asset.search
    const lifetime = cacheLifetime(assetRes)
    const item = {
      path: assetPath,
      expect: 'public' as const,
      min_max_age: lifetime,
      level: 'error' as const
    }
    if (lifetime > 0 && evaluateCache(item, assetRes).ok) {
      lines.push(
        `  - path: ${yamlString(assetPath)}`,
        '    expect: public',
        `    min_max_age: ${formatAge(lifetime)}`
      )
      rules++
    } else {
      lines.push(
        `  # - path: ${yamlString(assetPath)}  # not cacheable by shared caches yet`,
        '  #   expect: public',
        '  #   min_max_age: 1d'
      )
    }
  }
  for (const expect of ['private', 'public'] as const) {
    if (evaluateCache({ path, expect, level: 'error' }, page).ok) {
      lines.push(`  - path: ${yamlString(path)}`, `    expect: ${expect}`)
      rules++
      break
    }
  }
  if (rules > 0) return lines
  return lines.map(line =>
    line === '' || line.startsWith('#') ? line : `# ${line}`
  )
}

/** The shared-cache lifetime the asset has, rounded down to a whole unit. */
function cacheLifetime(res: HttpResponse): number {
  const judged = evaluateCache({ expect: 'public', level: 'error' }, res)
  const lifetime = Number(judged.metrics?.shared_lifetime_s ?? 0)
  const longest = Math.min(lifetime, MAX_AGE_SECONDS)
  for (const unit of [86_400, 3600, 60]) {
    if (longest >= unit) return Math.floor(longest / unit) * unit
  }
  return longest
}

function formatAge(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return String(seconds)
}

function latencySection(page: HttpResponse, path: string): string[] {
  // A budget well above what one request took, at a rate no site notices.
  const p95 = Math.max(500, Math.ceil((page.timeMs * 5) / 100) * 100)
  return [
    '',
    '# A gentle load on the homepage: 5 requests a second for 5 seconds.',
    'latency:',
    '  - name: homepage',
    `    paths: [${yamlString(path)}]`,
    '    rate: 5',
    '    duration: 5s',
    `    p95: ${p95}ms`,
    '    error_rate: 0.01'
  ]
}

/** A double-quoted YAML scalar (JSON's escapes are YAML's). */
function yamlString(text: string): string {
  return JSON.stringify(text)
}

function quoteComment(text: string): string {
  return text.replace(/[\r\n]/g, ' ')
}
