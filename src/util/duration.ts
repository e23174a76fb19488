/**
 * Two kinds of time in a policy (§7.0): a timer duration (`timeout`, `wait`,
 * `duration`, `max_time`: how long to wait for something, in milliseconds)
 * and an age (`min_max_age`, cache and HSTS lifetimes: how long something
 * may live, in seconds, as the headers count them).
 */
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

/** The longest timer a policy may set: a gate is no cron job. */
export const MAX_DURATION_MS = 24 * 3_600_000

export const DURATION_HINT = 'a duration like 500ms, 15s or 2m'

/** Parses `500ms`, `15s`, `2m` (and `1h`) into milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/**
 * A timer duration in milliseconds, or the plain-words reason it is not one:
 * well-formed, more than 0 and at most 24h.
 */
export function readDuration(text: string): number | string {
  const ms = parseDuration(text)
  if (ms === undefined) return `expected ${DURATION_HINT}`
  if (ms < 1) return `expected a duration above 0, got ${text.trim()}`
  if (ms > MAX_DURATION_MS) {
    return `expected a duration of at most 24h, got ${text.trim()}`
  }
  return ms
}

/** Renders milliseconds the way a policy would write them. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`
  return `${Math.round(ms)}ms`
}

/** Time that passed, for people: `850ms`, `14s`, `2m 14s`, `1h 5m`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
}

const AGE = /^(\d+)(s|m|h|d)$/

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const

/** Two years: the longest HSTS max-age the preload list asks for, and then some. */
export const MAX_AGE_SECONDS = 2 * 365 * 86_400

export const AGE_HINT =
  'an age in seconds (86400) or with a unit: 90s, 30m, 12h, 1d'

/**
 * An age in whole seconds, or the plain-words reason it is not one: a
 * whole number of seconds, or `s|m|h|d`, at most 2 years.
 */
export function readAge(value: unknown): number | string {
  let seconds: number
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      return `expected ${AGE_HINT}, got ${value}`
    }
    seconds = value
  } else if (typeof value === 'string') {
    const match = AGE.exec(value.trim())
    if (!match) return `expected ${AGE_HINT}, got ${JSON.stringify(value)}`
    seconds =
      Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS]
  } else {
    return `expected ${AGE_HINT}`
  }
  if (seconds > MAX_AGE_SECONDS) {
    return `expected an age of at most 2 years (${MAX_AGE_SECONDS} seconds), got ${value}`
  }
  return seconds
}
