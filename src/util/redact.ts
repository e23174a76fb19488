/**
 * Values that must never be shown (policy `${VAR}` values, captured tokens)
 * and credentials in URLs, replaced wherever text is shown (spec §7.1).
 */

const HIDDEN = '***'

/** Query parameters whose value is a credential (`token`, `api_key`, `X-Amz-Signature`, …). */
const CREDENTIAL_PARAM =
  /key|token|secret|pass(word|wd)?|pwd|sig(nature)?|auth|credential|session/i

/** An http(s) URL inside free text, without a sentence's closing punctuation. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]*[^\s"'<>`.,;:!?)\]]/gi

/**
 * A URL with its userinfo and credential-named query values hidden; text
 * that does not parse as a URL is returned unchanged.
 */
export function redactUrl(url: string): string {
  const userinfo = url.replace(
    /^(https?:\/\/)[^/?#@\s]*@/i,
    (_, scheme: string) => `${scheme}${HIDDEN}@`
  )
  return userinfo.replace(
    /([?&])([^=&#\s]*)=([^&#\s]*)/g,
    (whole, sep: string, name: string) =>
      CREDENTIAL_PARAM.test(safeDecode(name))
        ? `${sep}${name}=${HIDDEN}`
        : whole
  )
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Every URL inside `text` passed through redactUrl. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * One function that hides `values` (at any length) and URL credentials.
 * Values shorter than 4 characters are hidden only as whole tokens, so a
 * `${PORT}` of `80` does not eat every 80 in a latency figure.
 */
export function createRedactor(
  values: readonly string[]
): (text: string) => string {
  const unique = [...new Set(values.filter(v => v.length > 0))].sort(
    (a, b) => b.length - a.length
  )
  const pattern =
    unique.length === 0
      ? undefined
      : new RegExp(
          unique
            .map(v =>
              v.length < 4
                ? `(?<![A-Za-z0-9])${escapeRegExp(v)}(?![A-Za-z0-9])`
                : escapeRegExp(v)
            )
            .join('|'),
          'g'
        )
  return text => {
    const hidden = pattern ? text.replace(pattern, HIDDEN) : text
    return redactUrls(hidden)
  }
}

/**
 * The run's hidden values, growing as checks report secrets they found or
 * captured; `text` and `deep` hide all of them seen so far.
 */
export class Redactor {
  private readonly values: string[]
  private current: (text: string) => string

  constructor(values: readonly string[]) {
    this.values = [...values]
    this.current = createRedactor(this.values)
  }

  add(values: readonly string[]): void {
    this.values.push(...values)
    this.current = createRedactor(this.values)
  }

  text(text: string): string {
    return this.current(text)
  }

  deep<T>(value: T): T {
    return redactDeep(value, this.current)
  }
}

/** Every string inside a JSON-like value passed through `redact`. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) {
    return value.map(item => redactDeep(item, redact)) as T
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        redactDeep(item, redact)
      ])
    ) as T
  }
  return value
}

/** Words that would turn the log to stars if masked (`add-mask` hides every occurrence). */
const COMMON_WORDS = new Set([
  'password',
  'passwords',
  'localhost',
  'production',
  'preview',
  'staging',
  'development',
  'undefined',
  'function',
  'launch-gate',
  'true',
  'false',
  'null'
])

/**
 * Whether a value may be registered with `add-mask`: 8 characters or more
 * and not a plain word, so outside text cannot steer masking into hiding
 * the log (spec §7.1, issue 11 item 4). Shorter values are redacted instead.
 */
export function safeToMask(value: string): boolean {
  const trimmed = value.trim()
  if (trimmed.length < 8) return false
  if (COMMON_WORDS.has(trimmed.toLowerCase())) return false
  // A lone dictionary-like word (letters only, one case or capitalised).
  return !/^[A-Z]?[a-z]{7,15}$|^[A-Z]{8,15}$/.test(trimmed)
}
