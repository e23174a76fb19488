import { splitOutsideQuotes, unquote } from './fields.ts'

/** Cache-Control directives: lower-case names; `true` for a bare directive. */
export type CacheDirectives = ReadonlyMap<string, string | true>

/**
 * Parses Cache-Control (RFC 9111 §5.2) from all its header lines. Names are
 * case-insensitive, values may be quoted lists, and the first occurrence of
 * a repeated directive wins (§4.2.1).
 */
export function parseCacheControl(lines: readonly string[]): CacheDirectives {
  const directives = new Map<string, string | true>()
  for (const part of lines.flatMap(line => splitOutsideQuotes(line, ','))) {
    const equals = part.indexOf('=')
    const name = (equals === -1 ? part : part.slice(0, equals))
      .trim()
      .toLowerCase()
    if (!name || directives.has(name)) continue
    directives.set(name, equals === -1 ? true : unquote(part.slice(equals + 1)))
  }
  return directives
}

/**
 * A delta-seconds directive (`max-age`, `s-maxage`): undefined when absent,
 * 0 when malformed, since RFC 9111 §1.2.2 says to treat an invalid value as
 * already stale.
 */
export function deltaSeconds(
  directives: CacheDirectives,
  name: string
): number | undefined {
  const value = directives.get(name)
  if (value === undefined) return undefined
  if (value === true || !/^\d+$/.test(value)) return 0
  return Math.min(Number(value), 2 ** 31)
}

/**
 * The header field names a qualified `private="..."` or `no-cache="..."`
 * lists; empty for the bare directive or when it is absent.
 */
export function qualifiedFields(
  directives: CacheDirectives,
  name: 'private' | 'no-cache'
): string[] {
  const value = directives.get(name)
  if (typeof value !== 'string') return []
  return value
    .split(',')
    .map(field => field.trim().toLowerCase())
    .filter(Boolean)
}
