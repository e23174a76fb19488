import { createHash } from 'node:crypto'

/** Longest run of stars shown, so a private key does not fill a line. */
const MAX_STARS = 16

/**
 * The only form of a secret that leaves the scanner: at most its first and
 * last 4 characters, fewer for short values, never the middle.
 */
export function redact(secret: string): string {
  // A PEM block's armor says nothing: show the ends of its body instead.
  const flat = secret
    .replace(/-----(?:BEGIN|END)[A-Z0-9 ]*-----/g, '')
    .replace(/\\n|\s+/g, '')
  const shown = flat.length >= 16 ? 4 : flat.length >= 10 ? 2 : 0
  const stars = '*'.repeat(
    Math.min(MAX_STARS, Math.max(4, flat.length - 2 * shown))
  )
  return shown === 0
    ? stars
    : `${flat.slice(0, shown)}${stars}${flat.slice(-shown)}`
}

/**
 * A stable id for a finding: the same secret under the same rule in the same
 * file keeps it across runs and line moves, so a baseline can be kept.
 */
export function fingerprint(
  rule: string,
  file: string,
  secret: string
): string {
  return createHash('sha256')
    .update(`${rule}\0${file}\0${secret}`)
    .digest('hex')
    .slice(0, 32)
}

/** Counts of each UTF-16 code unit, reused: entropy runs once per match. */
const COUNTS = new Uint32Array(65536)

/** Shannon entropy in bits per character (UTF-16 code unit). */
export function entropy(text: string): number {
  if (text.length === 0) return 0
  for (let i = 0; i < text.length; i++) COUNTS[text.charCodeAt(i)]++
  let bits = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const count = COUNTS[code]
    if (count === 0) continue
    const p = count / text.length
    bits -= p * Math.log2(p)
    COUNTS[code] = 0
  }
  return bits
}
