import { splitOutsideQuotes, unquote } from './fields.ts'

/** A Strict-Transport-Security header a browser would honour. */
export interface Hsts {
  maxAge: number
  includeSubDomains: boolean
  preload: boolean
}

/** What a browser would do with the header: use it, or ignore it and why. */
export type HstsParse =
  { valid: true; hsts: Hsts } | { valid: false; problem: string }

/**
 * Parses one Strict-Transport-Security value by the grammar of RFC 6797
 * §6.1: `;`-separated directives, names case-insensitive, values tokens or
 * quoted strings, each directive at most once, `max-age` required and
 * made of digits. Unknown directives are ignored, as browsers do.
 */
export function parseHsts(value: string): HstsParse {
  const seen = new Map<string, string | undefined>()
  for (const part of splitOutsideQuotes(value, ';')) {
    if (!part.trim()) continue
    const equals = part.indexOf('=')
    const name = (equals === -1 ? part : part.slice(0, equals))
      .trim()
      .toLowerCase()
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      return { valid: false, problem: `"${part.trim()}" is not a directive` }
    }
    if (seen.has(name)) {
      return { valid: false, problem: `${name} appears twice` }
    }
    seen.set(name, equals === -1 ? undefined : unquote(part.slice(equals + 1)))
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
