import { Parser } from 'htmlparser2'

/** What a browser loads a reference as (Lighthouse's resource types, folded). */
export type ResourceType =
  'document' | 'script' | 'stylesheet' | 'image' | 'font' | 'media' | 'other'

/** One attribute of a page that makes the browser fetch (or submit to) URLs. */
export interface HtmlReference {
  tag: string
  attribute: string
  /** As written in the page (a whole `srcset`). */
  value: string
  /** The http(s) URLs it names, resolved against the page's `<base>`. */
  urls: URL[]
  type: ResourceType
  /** Sends data (a form) rather than loads a resource. */
  submits: boolean
  /**
   * One candidate among several the browser picks from (a `srcset` beside a
   * `src`, a `<picture>` source, a media element's later `<source>`): it is
   * not loaded in addition to the others.
   */
  alternative: boolean
}

/** What the walker found in one page. */
export interface HtmlScan {
  references: HtmlReference[]
  /** `<meta http-equiv="content-security-policy">` values. */
  metaPolicies: string[]
  /** CSS written in the page (`<style>` elements, `style` attributes). */
  inlineCss: string[]
  /** What relative references resolve against: the first `<base href>`, else the page. */
  base: URL
}

/** Tag → the attributes that load a resource (or, for forms, send data). */
const ATTRIBUTES: Record<string, readonly string[]> = {
  script: ['src'],
  link: ['href'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  iframe: ['src'],
  frame: ['src'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  form: ['action'],
  button: ['formaction']
}

/** Link relations that make the browser fetch the target as a subresource. */
const LOADING_RELS = new Set([
  'stylesheet',
  'icon',
  'preload',
  'modulepreload',
  'manifest'
])

/** `<link rel=preload as=…>` → the type the browser fetches it as. */
const PRELOAD_AS: Record<string, ResourceType> = {
  script: 'script',
  style: 'stylesheet',
  font: 'font',
  image: 'image',
  audio: 'media',
  video: 'media',
  track: 'media',
  document: 'document'
}

/**
 * Walks an HTML page for everything it makes a browser fetch: scripts, module
 * preloads, stylesheets, images (with `srcset` and `<picture>`), media,
 * frames, objects, and form targets. One rule for every user (the bundle
 * scan, mixed content, page weight): parsed with htmlparser2 (entities
 * decoded, comments and script text ignored), resolved against the first
 * `<base href>` as a browser does, and only http(s) URLs kept.
 */
export function scanHtml(html: string, pageUrl: URL): HtmlScan {
  const references: HtmlReference[] = []
  const metaPolicies: string[] = []
  const inlineCss: string[] = []
  let base = pageUrl
  let baseSeen = false
  let pictureDepth = 0
  /** `<source>` elements seen in the innermost open `<video>`/`<audio>`. */
  const mediaSources: number[] = []
  let inStyle = false

  const onOpenTag = (tag: string, attributes: Record<string, string>) => {
    if (attributes.style) inlineCss.push(attributes.style)
    if (tag === 'style') inStyle = true
    if (tag === 'picture') pictureDepth++
    if (tag === 'video' || tag === 'audio') mediaSources.push(0)
    if (tag === 'meta') {
      const equiv = attributes['http-equiv']?.toLowerCase()
      if (equiv === 'content-security-policy' && attributes.content) {
        metaPolicies.push(attributes.content)
      }
      return
    }
    if (tag === 'base') {
      if (!baseSeen && attributes.href !== undefined) {
        baseSeen = true
        base = resolve(attributes.href, pageUrl) ?? pageUrl
      }
      return
    }
    const names = ATTRIBUTES[tag]
    if (!names) return
    const type = typeOf(tag, attributes, pictureDepth > 0)
    if (type === undefined) return
    const laterMediaSource =
      tag === 'source' &&
      pictureDepth === 0 &&
      mediaSources.length > 0 &&
      mediaSources[mediaSources.length - 1]++ > 0
    for (const attribute of names) {
      const written = attributes[attribute]
      if (written === undefined) continue
      const srcset = attribute === 'srcset'
      const urls = (srcset ? srcsetUrls(written) : [written]).flatMap(text => {
        const url = resolve(text, base)
        return url && (url.protocol === 'http:' || url.protocol === 'https:')
          ? [url]
          : []
      })
      if (urls.length === 0) continue
      references.push({
        tag,
        attribute,
        value: written.trim(),
        urls,
        type: attribute === 'poster' ? 'image' : type,
        submits: tag === 'form' || tag === 'button',
        alternative:
          laterMediaSource ||
          (tag === 'source' && pictureDepth > 0) ||
          (srcset && attributes.src !== undefined)
      })
    }
  }

  const parser = new Parser(
    {
      onopentag: onOpenTag,
      ontext(text) {
        if (inStyle) inlineCss.push(text)
      },
      onclosetag(tag) {
        if (tag === 'style') inStyle = false
        if (tag === 'picture' && pictureDepth > 0) pictureDepth--
        if (tag === 'video' || tag === 'audio') mediaSources.pop()
      }
    },
    { decodeEntities: true }
  )
  parser.write(html)
  parser.end()
  return { references, metaPolicies, inlineCss, base }
}

/** The type an element loads, or undefined when it loads nothing. */
function typeOf(
  tag: string,
  attributes: Record<string, string>,
  inPicture: boolean
): ResourceType | undefined {
  switch (tag) {
    case 'script':
      return 'script'
    case 'link':
      return linkType(attributes.rel, attributes.as)
    case 'img':
    case 'input':
      return 'image'
    case 'source':
      return inPicture ? 'image' : 'media'
    case 'iframe':
    case 'frame':
      return 'document'
    case 'video':
    case 'audio':
    case 'track':
      return 'media'
    default:
      return 'other'
  }
}

function linkType(
  rel: string | undefined,
  as: string | undefined
): ResourceType | undefined {
  const tokens = (rel ?? '').toLowerCase().split(/\s+/)
  if (!tokens.some(token => LOADING_RELS.has(token))) return undefined
  if (tokens.includes('stylesheet')) return 'stylesheet'
  if (tokens.includes('modulepreload')) return 'script'
  if (tokens.includes('icon')) return 'image'
  if (tokens.includes('preload')) {
    return PRELOAD_AS[(as ?? '').trim().toLowerCase()] ?? 'other'
  }
  return 'other'
}

/** A reference in CSS: `@import` (a stylesheet) or `url()` (an image, a font…). */
export interface CssReference {
  url: URL
  /** `stylesheet` for `@import`; from the file extension for `url()`, else `other`. */
  type: ResourceType
}

/** CSS beyond this many characters is not searched for references. */
export const MAX_CSS_CHARS = 2 * 1024 * 1024

const CSS_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/g
const CSS_IMPORT =
  /@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^\s;'")]+))/gi
// An unquoted url() holds no parenthesis (CSS escapes them), so no match
// runs across another `url(`: every pattern here stays linear on hostile CSS.
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s()'"]+))\s*\)/gi

const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp)$/i

/**
 * The http(s) URLs a stylesheet loads, resolved against `base` (the sheet's
 * URL, or the page's base for inline CSS), each once, in order.
 */
export function cssReferences(css: string, base: URL): CssReference[] {
  const text = css.slice(0, MAX_CSS_CHARS).replace(CSS_COMMENT, '')
  const found = new Map<string, CssReference>()
  const add = (written: string | undefined, imported: boolean) => {
    const url = resolve(written ?? '', base)
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return
    if (found.has(url.href)) return
    const type: ResourceType = imported
      ? 'stylesheet'
      : FONT_FILE.test(url.pathname)
        ? 'font'
        : IMAGE_FILE.test(url.pathname)
          ? 'image'
          : 'other'
    found.set(url.href, { url, type })
  }
  for (const m of text.matchAll(CSS_IMPORT)) add(m[1] ?? m[2] ?? m[3], true)
  for (const m of text.matchAll(CSS_URL)) add(m[1] ?? m[2] ?? m[3], false)
  return [...found.values()]
}

/** `a.png 1x, http://x/b.png 2x` → the URLs. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map(candidate => candidate.trim().split(/\s+/)[0])
    .filter(Boolean)
}

function resolve(reference: string, base: URL): URL | undefined {
  const trimmed = reference.trim()
  if (!trimmed) return undefined
  try {
    return new URL(trimmed, base)
  } catch {
    return undefined
  }
}
