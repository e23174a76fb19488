import type { HttpResponse } from '../../net/http.ts'

/** RFC 9110 §5.6.2 token characters, as a pattern to build regexes from. */
export const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+"

/** Every line of a response header, in order; none when it is absent. */
export function fieldLines(
  headers: HttpResponse['headers'],
  name: string
): string[] {
  const raw = headers[name.toLowerCase()]
  if (raw === undefined) return []
  return Array.isArray(raw) ? raw : [raw]
}

/** A header as one value, repeated lines joined with ", " (RFC 9110 §5.3). */
export function fieldValue(
  headers: HttpResponse['headers'],
  name: string
): string | undefined {
  const lines = fieldLines(headers, name)
  return lines.length === 0 ? undefined : lines.join(', ')
}

/**
 * Splits `text` at each `separator` that is outside a quoted string, so
 * `private="set-cookie, x"` stays one part.
 */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted && char === '\\' && i + 1 < text.length) {
      current += char + text[++i]
      continue
    }
    if (char === '"') quoted = !quoted
    if (char === separator && !quoted) {
      parts.push(current)
      current = ''
    } else {
      current += char
    }
  }
  parts.push(current)
  return parts
}

/** A directive's value without its quotes and backslash escapes. */
export function unquote(value: string): string {
  const trimmed = value.trim()
  if (
    trimmed.length < 2 ||
    !trimmed.startsWith('"') ||
    !trimmed.endsWith('"')
  ) {
    return trimmed
  }
  return trimmed.slice(1, -1).replace(/\\(.)/g, '$1')
}

/** Seconds as a person reads them: `180 days`, `5 minutes`. */
export function formatSeconds(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute']
  ]
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const count = Math.floor(seconds / size)
      return `${count} ${unit}${count === 1 ? '' : 's'}`
    }
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`
}
