import { CheckError } from '../../../errors.ts'
import type { HttpResponse } from '../../../net/http.ts'
import { walkRedirects } from '../../../net/redirects.ts'
import { scanHtml } from '../../html/references.ts'
import type { ScanSource } from '../scan.ts'
import type { CheckContext } from '../../types.ts'
import {
  decode,
  latin1Note,
  MAX_FILE_BYTES,
  type SourceNote,
  type Sources
} from './common.ts'

/** At most this many scripts and styles are fetched per run. */
export const MAX_ASSETS = 50
/** At most this many source maps are fetched per run. */
export const MAX_SOURCE_MAPS = 50
/** Reading stops once this many bytes came back in total. */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024
export const MAX_REDIRECTS = 5

/**
 * The HTML pages at `paths` on the target, the same-origin scripts and
 * styles they load, and the source maps those reference (whose
 * `sourcesContent` holds the original sources).
 */
export async function bundleSources(
  ctx: CheckContext,
  paths: readonly string[],
  excluded: (path: string) => boolean
): Promise<Sources & { crossOrigin: number }> {
  if (!ctx.target) {
    throw new CheckError(
      'no target URL to read the bundle from: set target in the policy, the url input or --url'
    )
  }
  const origin = ctx.target.origin
  const sources: ScanSource[] = []
  const notes: SourceNote[] = []
  let budget = MAX_BUNDLE_BYTES
  const seen = new Set<string>()
  const isExcluded = (url: URL) => excluded(url.pathname.replace(/^\//, ''))

  const fetchText = async (
    url: URL
  ): Promise<{ res: HttpResponse; text: string } | undefined> => {
    const walk = await walkRedirects(
      url,
      next =>
        ctx.http.send({
          url: next,
          signal: ctx.signal,
          maxBodyBytes: Math.max(1, Math.min(MAX_FILE_BYTES, budget))
        }),
      {
        maxRequests: MAX_REDIRECTS + 1,
        allowed: next => next.origin === origin
      }
    )
    const unreadable = (message: string) => {
      notes.push({ kind: 'unreadable', file: url.href, message })
      return undefined
    }
    const res = walk.last as HttpResponse
    switch (walk.end) {
      case 'off-host':
        return unreadable(
          `redirects to another origin (${walk.hops.at(-1)?.next?.origin}): not followed`
        )
      case 'malformed':
        return unreadable('redirects to a malformed Location: not followed')
      case 'loop':
      case 'too-long':
        return unreadable(`more than ${MAX_REDIRECTS} redirects: not followed`)
    }
    if (res.status < 200 || res.status >= 300) {
      return unreadable(`answered ${res.status}: not scanned`)
    }
    budget -= res.body.length
    if (res.truncated) {
      notes.push({
        kind: 'truncated',
        file: url.href,
        message: `larger than ${res.body.length} bytes: only the first part was scanned`
      })
    }
    const { text, utf8 } = decode(res.body)
    if (!utf8) notes.push(latin1Note(url.href))
    return { res, text }
  }

  let crossOrigin = 0
  const assets: URL[] = []
  let pagesRead = 0
  for (const path of paths) {
    const url = new URL(path, ctx.target)
    const page = await fetchText(url)
    if (!page) continue
    pagesRead++
    sources.push({ file: url.href, text: page.text })
    for (const ref of assetReferences(page.text, url)) {
      if (ref.origin !== origin) {
        crossOrigin++
        continue
      }
      if (seen.has(ref.href) || isExcluded(ref)) continue
      seen.add(ref.href)
      assets.push(ref)
    }
  }
  if (pagesRead === 0) {
    const reasons = notes.map(n => `${n.file} ${n.message}`).join('; ')
    throw new CheckError(`no page of the bundle could be read: ${reasons}`)
  }
  if (assets.length > MAX_ASSETS) {
    notes.push({
      kind: 'truncated',
      file: ctx.target.href,
      message: `${assets.length} scripts and styles: only the first ${MAX_ASSETS} were scanned`
    })
  }

  let maps = 0
  for (const asset of assets.slice(0, MAX_ASSETS)) {
    if (budget <= 0) {
      notes.push({
        kind: 'truncated',
        file: asset.href,
        message: `over the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB bundle budget: not scanned`
      })
      continue
    }
    const got = await fetchText(asset)
    if (!got) continue
    sources.push({ file: asset.href, text: got.text, minified: true })

    const mapRef = sourceMapReference(got.res, got.text)
    if (!mapRef) continue
    if (mapRef.startsWith('data:')) {
      const inline = decodeDataUrl(mapRef)
      if (inline !== undefined)
        sources.push(
          ...sourcesFromMap(inline, `${asset.href}#sourcemap`, notes)
        )
      continue
    }
    const mapUrl = new URL(mapRef, asset)
    if (mapUrl.origin !== origin || seen.has(mapUrl.href)) continue
    seen.add(mapUrl.href)
    if (++maps > MAX_SOURCE_MAPS) continue
    const map = await fetchText(mapUrl)
    if (map) sources.push(...sourcesFromMap(map.text, mapUrl.href, notes))
  }
  if (maps > MAX_SOURCE_MAPS) {
    notes.push({
      kind: 'truncated',
      file: ctx.target.href,
      message: `${maps} source maps: only the first ${MAX_SOURCE_MAPS} were scanned`
    })
  }
  return { sources, notes, crossOrigin }
}

/** Scripts and styles a page loads, resolved against its URL (and `<base>`). */
export function assetReferences(html: string, pageUrl: URL): URL[] {
  return scanHtml(html, pageUrl)
    .references.filter(
      ref => ref.type === 'script' || ref.type === 'stylesheet'
    )
    .flatMap(ref => ref.urls)
}

/** A script's source map: the SourceMap header, else its last sourceMappingURL comment. */
export function sourceMapReference(
  res: HttpResponse,
  text: string
): string | undefined {
  const header = res.headers.sourcemap ?? res.headers['x-sourcemap']
  if (typeof header === 'string' && header.trim()) return header.trim()
  // The comment ends the file; don't run a regex over megabytes for it.
  const tail = text.slice(Math.max(0, text.length - 65_536))
  const matches = [...tail.matchAll(/[#@] sourceMappingURL=([^\s'"*]+)/g)]
  return matches.at(-1)?.[1]
}

function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',')
  if (comma < 0) return undefined
  const meta = url.slice(5, comma)
  const data = url.slice(comma + 1)
  try {
    return meta.endsWith(';base64')
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeURIComponent(data)
  } catch {
    return undefined
  }
}

/** The original sources a map carries, each named `<map URL>#<source>`. */
export function sourcesFromMap(
  text: string,
  mapUrl: string,
  notes: SourceNote[]
): ScanSource[] {
  let map: { sources?: unknown; sourcesContent?: unknown }
  try {
    map = JSON.parse(text) as typeof map
  } catch {
    notes.push({
      kind: 'unreadable',
      file: mapUrl,
      message: 'source map is not JSON: not scanned'
    })
    return []
  }
  const names = Array.isArray(map.sources) ? map.sources : []
  const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : []
  return contents.flatMap((content, index) =>
    typeof content === 'string'
      ? [{ file: `${mapUrl}#${String(names[index] ?? index)}`, text: content }]
      : []
  )
}
