import { splitOutsideQuotes, TOKEN, unquote } from './fields.ts'

/** A Strict-Transport-Security header a browser would honour. */
export interface Hsts {
  maxAge: number
  includeSubDomains: boolean
  preload: boolean
}

/** What a browser would do with the header: use it, or ignore it and why. */
export type HstsParse =
  { valid: true; hsts: Hsts } | { valid: false; problem: string }

/** Browsers keep HSTS at most this long, whatever max-age says (Chromium caps it). */
export const HSTS_CAP_SECONDS = 31_536_000

/** RFC 9110 §5.6.4: qdtext and quoted-pairs; obs-text is Latin-1 from the wire. */
const QUOTED =
  '"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e\\x80-\\xff]|\\\\[\\t \\x21-\\x7e\\x80-\\xff])*"'
/** `name`, or `name = token-or-quoted-string`, with optional whitespace (RFC 6797 §6.1). */
const DIRECTIVE = new RegExp(
  `^(${TOKEN})(?:[ \\t]*=[ \\t]*(${TOKEN}|${QUOTED}))?$`
)
const NAMED = new RegExp(`^(${TOKEN})[ \\t]*=`)

/** Directives that take no value; a value makes the header invalid. */
const VALUELESS = new Set(['includesubdomains', 'preload'])
/** Directives whose repetition makes browsers ignore the header. */
const ONCE = new Set(['max-age', 'includesubdomains'])

/**
 * Parses one Strict-Transport-Security value as browsers apply RFC 6797
 * §6.1: `;`-separated directives, names case-insensitive, each value a
 * token or a quoted string; `max-age` required, digits only; a repeated
 * `max-age` or `includeSubDomains` voids the header (a repeated `preload`
 * does not); `includeSubDomains` and `preload` take no value. Unknown
 * directives are ignored, as browsers do, once their syntax is right.
 */
export function parseHsts(value: string): HstsParse {
  const seen = new Map<string, string | undefined>()
  for (const raw of splitOutsideQuotes(value, ';')) {
    const part = raw.trim()
    if (!part) continue
    const directive = DIRECTIVE.exec(part)
    if (!directive) {
      const named = NAMED.exec(part)
      return {
        valid: false,
        problem: named
          ? `the value of ${named[1]} is not a token or a quoted string`
          : `"${part}" is not a directive`
      }
    }
    const name = directive[1].toLowerCase()
    const given = directive[2]
    if (VALUELESS.has(name) && given !== undefined) {
      return {
        valid: false,
        problem: `${directive[1]} takes no value, but has "=${given}"`
      }
    }
    if (ONCE.has(name) && seen.has(name)) {
      return { valid: false, problem: `${name} appears twice` }
    }
    if (!seen.has(name)) {
      seen.set(name, given === undefined ? undefined : unquote(given))
    }
  }
  if (!seen.has('max-age')) {
    return { valid: false, problem: 'max-age is missing' }
  }
  const maxAge = seen.get('max-age')
  if (maxAge === undefined || !/^\d+$/.test(maxAge)) {
    return {
      valid: false,
      problem: `max-age ${maxAge === undefined ? 'has no value' : `"${maxAge}" is not a whole number of seconds`}`
    }
  }
  return {
    valid: true,
    hsts: {
      maxAge: Number(maxAge),
      includeSubDomains: seen.has('includesubdomains'),
      preload: seen.has('preload')
    }
  }
}
