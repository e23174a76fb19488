import { scanHtml } from './references.ts'

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

/**
 * Finds the references of an HTML page that resolve to `http:` URLs, i.e.
 * mixed content when the page is served over https (the references come
 * from the one HTML walker, html/references.ts).
 */
export function scanPage(html: string, pageUrl: URL): PageScan {
  const { references, metaPolicies } = scanHtml(html, pageUrl)
  const insecure = references
    .filter(ref => ref.urls.some(url => url.protocol === 'http:'))
    .map(({ tag, attribute, value, submits }) => ({
      tag,
      attribute,
      value,
      submits
    }))
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
