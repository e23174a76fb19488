import { Parser } from 'htmlparser2'

/** One subresource or form target of a page that uses plain http. */
export interface InsecureReference {
  tag: string
  attribute: string
  /** As written in the page. */
  value: string
  /** Sends data (a form) rather than loads a resource. */
  submits: boolean
}

/** What a page scan found. */
export interface PageScan {
  /** References that resolve to `http:` URLs. */
  insecure: InsecureReference[]
  /** `<meta http-equiv="content-security-policy">` values. */
  metaPolicies: string[]
}

/** Tag → the attributes that load a resource (or, for forms, send data). */
const REFERENCES: Record<string, readonly string[]> = {
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

/**
 * Finds the references of an HTML page that resolve to `http:` URLs, i.e.
 * mixed content when the page is served over https. Parsed with htmlparser2
 * (entities decoded, comments and script text ignored) and resolved
 * against the first `<base href>`, as a browser does.
 */
export function scanPage(html: string, pageUrl: URL): PageScan {
  const insecure: InsecureReference[] = []
  const metaPolicies: string[] = []
  let base = pageUrl
  let baseSeen = false
  const onTag = (tag: string, attributes: Record<string, string>) => {
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
    const names = REFERENCES[tag]
    if (!names || (tag === 'link' && !loadsResource(attributes.rel))) return
    for (const attribute of names) {
      const value = attributes[attribute]
      if (value === undefined) continue
      const urls = attribute === 'srcset' ? srcsetUrls(value) : [value]
      if (urls.some(url => resolve(url, base)?.protocol === 'http:')) {
        insecure.push({
          tag,
          attribute,
          value: value.trim(),
          submits: tag === 'form' || tag === 'button'
        })
      }
    }
  }
  const parser = new Parser({ onopentag: onTag }, { decodeEntities: true })
  parser.write(html)
  parser.end()
  return { insecure, metaPolicies }
}

/**
 * Whether a Content-Security-Policy has `upgrade-insecure-requests`: the
 * browser then fetches every http reference over https, so none is mixed.
 */
export function upgradesInsecureRequests(policies: readonly string[]): boolean {
  return policies.some(policy =>
    policy
      .split(';')
      .some(
        directive =>
          directive.trim().split(/\s+/)[0].toLowerCase() ===
          'upgrade-insecure-requests'
      )
  )
}

function loadsResource(rel: string | undefined): boolean {
  return (rel ?? '')
    .toLowerCase()
    .split(/\s+/)
    .some(token => LOADING_RELS.has(token))
}

/** `a.png 1x, http://x/b.png 2x` → the URLs. */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map(candidate => candidate.trim().split(/\s+/)[0])
    .filter(Boolean)
}

function resolve(reference: string, base: URL): URL | undefined {
  try {
    return new URL(reference.trim(), base)
  } catch {
    return undefined
  }
}
