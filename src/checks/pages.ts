import { gzipSync } from 'node:zlib'
import { getDomain } from 'tldts'
import { CheckError } from '../errors.ts'
import type { HttpResponse } from '../net/http.ts'
import { walkRedirects } from '../net/redirects.ts'
import { PAGE_BUDGET_KEYS } from '../policy/budget-keys.ts'
import type { Policy } from '../policy/schema.ts'
import { runPool } from '../util/pool.ts'
import { fieldValue } from './http-headers/fields.ts'
import {
  cssReferences,
  scanHtml,
  type ResourceType
} from './html/references.ts'
import { failedOutcome } from './outcome.ts'
import {
  budgetsFor,
  parseBudgetFile,
  type BudgetKey,
  type PageBudgets
} from './pages/budget-file.ts'
import { itemLabel, resolveUrl } from './target.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Metrics,
  UnitOutcome
} from './types.ts'

export type PagesItem = NonNullable<Policy['pages']>[number]

/** At most this many requests per page (the page, its redirects and resources). */
export const MAX_REQUESTS = 300
/** Reading stops once this many bytes (decoded) came back for one page. */
export const MAX_PAGE_BYTES = 50 * 1024 * 1024
/** One resource is read up to this many (decoded) bytes. */
export const MAX_RESOURCE_BYTES = 10 * 1024 * 1024
/** Text resources above this must be compressed. */
export const COMPRESSION_FLOOR = 1024
const MAX_REDIRECTS = 5
const CONCURRENCY = 6
const KIB = 1024

const COMPRESSED = new Set(['br', 'gzip', 'x-gzip', 'zstd', 'deflate'])

/** Content types worth compressing (what Lighthouse's text-compression audit takes as text). */
const TEXT_TYPE =
  /^(text\/|application\/(javascript|x-javascript|ecmascript|json|ld\+json|manifest\+json|xml|xhtml\+xml|rss\+xml|atom\+xml)|image\/svg\+xml)/i

/** One response the page made a browser fetch. */
export interface PageResource {
  url: URL
  type: ResourceType
  thirdParty: boolean
  status: number
  /** Body bytes as served (before content decoding). */
  transferBytes: number
  /** Body bytes after content decoding. */
  decodedBytes: number
  contentType: string
  encoding: string
  truncated: boolean
  /** Set for a text resource over 1 KiB served without compression: its gzip size. */
  gzipBytes?: number
}

export const pagesCheck: Check<'pages'> = {
  kind: 'pages',
  units: items =>
    items.map((item, index) => ({
      name: itemLabel(item),
      level: item.level,
      policyPath: ['pages', index],
      async run(ctx) {
        const url = resolveUrl(item, ctx.target)
        const budgets = await pageBudgets(item, url, ctx)
        const weighed = await weighPage(url, ctx)
        return judgePage(item, weighed, budgets)
      }
    }))
}

/** The page's budgets: inline, or the matching entry of its budget file. */
async function pageBudgets(
  item: PagesItem,
  url: URL,
  ctx: CheckContext
): Promise<{ budgets: PageBudgets; note?: string }> {
  if (item.budget_file === undefined) return { budgets: item.budgets ?? {} }
  // Read where the policy was read: the base commit under `policy-ref: base`.
  const text = await ctx.readPolicyFile(item.budget_file)
  if (text === undefined) {
    throw new CheckError(`budget_file ${item.budget_file} does not exist`)
  }
  const match = budgetsFor(parseBudgetFile(text, item.budget_file), url)
  if (!match) {
    throw new CheckError(
      `no entry of ${item.budget_file} has a path pattern matching ${url.pathname}`
    )
  }
  return {
    budgets: match.budgets,
    note: `budgets from ${item.budget_file} entry ${match.entry}`
  }
}

/** What fetching a page found. */
export interface WeighedPage {
  resources: PageResource[]
  notes: string[]
}

/**
 * Fetches a page and every resource it makes a browser load, each once:
 * its scripts, stylesheets (with their `@import` and `url()` one level
 * deep), images, fonts, media and frames' documents; bounded by request
 * count, bytes and the run's deadline.
 */
export async function weighPage(
  url: URL,
  ctx: CheckContext
): Promise<WeighedPage> {
  const site = siteOf(url)
  const resources: PageResource[] = []
  const notes: string[] = []
  const seen = new Set<string>()
  let bytesLeft = MAX_PAGE_BYTES
  let requestsLeft = MAX_REQUESTS
  const failed: string[] = []
  let skipped = 0

  /** Fetches one URL, every hop measured; returns the final response. */
  const fetchOne = async (
    start: URL,
    type: ResourceType
  ): Promise<HttpResponse | undefined> => {
    const walk = await walkRedirects(
      start,
      async url => {
        if (requestsLeft <= 0 || bytesLeft <= 0) {
          skipped++
          return undefined
        }
        requestsLeft--
        try {
          const res = await ctx.http.send({
            url,
            headers: { 'accept-encoding': 'br, gzip, zstd' },
            signal: ctx.signal,
            maxBodyBytes: Math.max(1, Math.min(MAX_RESOURCE_BYTES, bytesLeft))
          })
          bytesLeft -= res.body.length
          resources.push(measure(res, type, site))
          return res
        } catch (error) {
          failed.push(`${url.href} (${(error as Error).message})`)
          return undefined
        }
      },
      { maxRequests: MAX_REDIRECTS + 1 }
    )
    const { last } = walk
    const at = walk.hops.at(-1)?.url.href
    switch (walk.end) {
      case 'stopped':
        return undefined
      case 'malformed':
        failed.push(`${at} (bad Location)`)
        return undefined
      case 'loop':
      case 'too-long':
        failed.push(`${start.href} (more than ${MAX_REDIRECTS} redirects)`)
        return undefined
      default:
        if (last && last.status >= 400) failed.push(`${at} (${last.status})`)
        return last
    }
  }

  const page = await fetchOne(url, 'document')
  if (!page || page.status < 200 || page.status >= 300) {
    throw new CheckError(
      page
        ? `the page answered ${page.status}`
        : `the page could not be read: ${failed.join('; ')}`
    )
  }

  const html = scanHtml(page.body.toString('utf8'), page.url)
  const queue: { url: URL; type: ResourceType }[] = []
  const enqueue = (ref: URL, type: ResourceType) => {
    if (seen.has(ref.href) || ref.href === page.url.href) return
    seen.add(ref.href)
    queue.push({ url: ref, type })
  }
  let alternatives = 0
  for (const ref of html.references) {
    if (ref.submits) continue
    if (ref.alternative) {
      alternatives++
      continue
    }
    enqueue(ref.urls[0], ref.type)
  }
  for (const css of html.inlineCss) {
    for (const ref of cssReferences(css, html.base)) enqueue(ref.url, ref.type)
  }

  // Stylesheets the page links are read for their references; what those
  // import is fetched and weighed, not read further.
  const sheets: { res: HttpResponse }[] = []
  const fetchAll = (items: typeof queue) =>
    runPool(items, CONCURRENCY, async ({ url: ref, type }) => {
      const res = await fetchOne(ref, type)
      if (res && type === 'stylesheet' && res.status < 300) sheets.push({ res })
    })
  await fetchAll(queue.splice(0))
  for (const { res } of sheets.splice(0)) {
    for (const ref of cssReferences(res.body.toString('utf8'), res.url)) {
      enqueue(ref.url, ref.type)
    }
  }
  await fetchAll(queue.splice(0))

  if (alternatives > 0) {
    notes.push(
      `${alternatives} responsive alternatives (srcset, <picture> and <source> candidates) not counted: a browser loads one of each set`
    )
  }
  if (skipped > 0) {
    notes.push(
      `${skipped} resources not fetched: the page reached ${MAX_REQUESTS} requests or ${MAX_PAGE_BYTES / KIB / KIB} MiB`
    )
  }
  const truncated = resources.filter(r => r.truncated)
  if (truncated.length > 0) {
    notes.push(
      `${truncated.length} resources larger than ${MAX_RESOURCE_BYTES / KIB / KIB} MiB counted up to that size: ${truncated.map(r => r.url.href).join(', ')}`
    )
  }
  if (failed.length > 0) {
    notes.push(
      `${failed.length} resources failed: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ', …' : ''}`
    )
  }
  return { resources, notes }
}

/** A response as page weight: its type, party and sizes. */
function measure(
  res: HttpResponse,
  referencedAs: ResourceType,
  site: Site
): PageResource {
  const contentType = fieldValue(res.headers, 'content-type') ?? ''
  const encoding = (fieldValue(res.headers, 'content-encoding') ?? '')
    .trim()
    .toLowerCase()
  const uncompressedText =
    res.status < 300 &&
    TEXT_TYPE.test(contentType) &&
    res.transferBytes > COMPRESSION_FLOOR &&
    !encoding.split(',').some(e => COMPRESSED.has(e.trim()))
  return {
    url: res.url,
    type:
      referencedAs === 'other' ? typeFromContent(contentType) : referencedAs,
    thirdParty: isThirdParty(res.url, site),
    status: res.status,
    transferBytes: res.transferBytes,
    decodedBytes: res.body.length,
    contentType,
    encoding,
    truncated: res.truncated,
    // gzip at its default level: how Lighthouse estimates the saving.
    gzipBytes: uncompressedText ? gzipSync(res.body).length : undefined
  }
}

/** What a CSS `url()` of unknown extension turned out to be. */
function typeFromContent(contentType: string): ResourceType {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('font/') || /font/.test(type)) return 'font'
  if (type === 'text/css') return 'stylesheet'
  if (type.startsWith('video/') || type.startsWith('audio/')) return 'media'
  return 'other'
}

/** A registrable domain, or the host itself for an IP or a single label. */
type Site = { domain: string } | { host: string }

function siteOf(url: URL): Site {
  const domain = getDomain(url.hostname)
  return domain ? { domain } : { host: url.hostname }
}

/** Another registrable domain than the page's (another host when it is an IP). */
export function isThirdParty(url: URL, site: Site): boolean {
  return 'domain' in site
    ? getDomain(url.hostname) !== site.domain
    : url.hostname !== site.host
}

/** Totals per budget key: transfer and decoded bytes, requests, and the resources. */
function totals(resources: readonly PageResource[]) {
  const byKey = new Map<BudgetKey, PageResource[]>(
    PAGE_BUDGET_KEYS.map(key => [key, []])
  )
  for (const r of resources) {
    byKey.get(r.type)?.push(r)
    if (r.thirdParty) byKey.get('third-party')?.push(r)
    byKey.get('total')?.push(r)
  }
  return byKey
}

const sum = (
  list: readonly PageResource[],
  field: 'transferBytes' | 'decodedBytes'
) => list.reduce((total, r) => total + r[field], 0)

/** Judges weighed resources against budgets and the compression rule. */
export function judgePage(
  item: Pick<PagesItem, 'compression'>,
  weighed: WeighedPage,
  { budgets, note }: { budgets: PageBudgets; note?: string }
): UnitOutcome {
  const { resources } = weighed
  const byKey = totals(resources)
  const metrics: Metrics = {}
  for (const key of PAGE_BUDGET_KEYS) {
    const list = byKey.get(key) ?? []
    // `third-party` → `third_party`: metric names are identifiers.
    const name = key.replace('-', '_')
    metrics[`transfer_bytes_${name}`] = sum(list, 'transferBytes')
    metrics[`decoded_bytes_${name}`] = sum(list, 'decodedBytes')
    if (key !== 'total') metrics[`requests_${name}`] = list.length
  }
  metrics.requests = resources.length

  const findings: Finding[] = []
  for (const key of PAGE_BUDGET_KEYS) {
    const list = byKey.get(key) ?? []
    const limit = budgets.sizes?.[key]
    const bytes = sum(list, 'transferBytes')
    if (limit !== undefined && bytes > limit * KIB) {
      findings.push({
        rule: `size-${key}`,
        message: `${key} ${kib(bytes)} > ${limit} KiB: ${largest(list)}`
      })
    }
    const count = budgets.counts?.[key]
    if (count !== undefined && list.length > count) {
      findings.push({
        rule: `count-${key}`,
        message: `${key} ${list.length} requests > ${count}: ${largest(list)}`
      })
    }
  }

  const uncompressed = resources
    .filter(r => r.gzipBytes !== undefined)
    .sort((a, b) => b.transferBytes - a.transferBytes)
  metrics.uncompressed = uncompressed.length
  if (item.compression) {
    for (const r of uncompressed) {
      findings.push({
        rule: 'compression',
        file: r.url.href,
        message: `uncompressed ${r.type}${r.thirdParty ? ' (third-party)' : ''} ${shortName(r.url)} ${kib(r.transferBytes)}: gzip would save ${kib(r.transferBytes - (r.gzipBytes ?? 0))}`
      })
    }
  }

  const notes = [...(note ? [note] : []), ...weighed.notes]
  if (findings.length > 0) return { ...failedOutcome(findings, metrics), notes }
  return {
    ok: true,
    summary: `${resources.length} requests, ${kib(sum(resources, 'transferBytes'))} transferred (${kib(sum(byKey.get('third-party') ?? [], 'transferBytes'))} third-party)`,
    metrics,
    notes
  }
}

/** The three largest resources of a list, e.g. `app.js 288 KiB, vendor.js 96 KiB, …`. */
function largest(list: readonly PageResource[]): string {
  const sorted = [...list].sort((a, b) => b.transferBytes - a.transferBytes)
  const shown = sorted
    .slice(0, 3)
    .map(r => `${shortName(r.url)} ${kib(r.transferBytes)}`)
  return shown.join(', ') + (sorted.length > 3 ? ', …' : '')
}

/** The last path segment (with the host when the path has none). */
function shortName(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1)
  return last ?? url.host + url.pathname
}

/** Bytes as KiB: one decimal below 10 KiB, whole above; bytes below 1 KiB. */
export function kib(bytes: number): string {
  if (bytes < KIB) return `${bytes} B`
  const value = bytes / KIB
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} KiB`
}
