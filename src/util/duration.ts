const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const

export const DURATION_HINT = 'a duration like 500ms, 15s or 2m'

/** Parses `500ms`, `15s`, `2m` (and `1h`) into milliseconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim())
  if (!match) return undefined
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
}

/** Renders milliseconds the way a policy would write them. */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`
  return `${Math.round(ms)}ms`
}
