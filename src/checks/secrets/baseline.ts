/**
 * `secrets.baseline`: findings a team has accepted, by fingerprint (rule +
 * file + secret, so line moves keep it), each with a reason and an optional
 * expiry after which the finding reports again. The file holds no secret.
 */
import { z } from 'zod'
import { CheckError } from '../../errors.ts'
import type { Finding } from '../types.ts'

export const DEFAULT_BASELINE_PATH = '.launch-gate/secrets-baseline.json'

const entrySchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  rule: z.string().optional(),
  file: z.string().optional(),
  redacted: z.string().optional(),
  reason: z.string().min(1),
  /** YYYY-MM-DD: from this day on the finding reports again. */
  expires: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
})

const baselineSchema = z.object({
  version: z.literal(1),
  entries: z.array(entrySchema)
})

export type BaselineEntry = z.infer<typeof entrySchema>

/** Parses a baseline file; a malformed one is an error naming the file. */
export function parseBaseline(text: string, path: string): BaselineEntry[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CheckError(
      `secrets baseline ${path} is not JSON: ${(error as Error).message}`
    )
  }
  const parsed = baselineSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new CheckError(
      `secrets baseline ${path}: ${issue.path.join('.') || 'file'}: ${issue.message}`
    )
  }
  return parsed.data.entries
}

/** Splits findings into reported and accepted; an expired entry reports again, saying so. */
export function applyBaseline(
  findings: readonly Finding[],
  entries: readonly BaselineEntry[],
  today: string
): { reported: Finding[]; accepted: number } {
  const byFingerprint = new Map(entries.map(e => [e.fingerprint, e]))
  const reported: Finding[] = []
  let accepted = 0
  for (const finding of findings) {
    const entry = finding.fingerprint
      ? byFingerprint.get(finding.fingerprint)
      : undefined
    if (!entry) {
      reported.push(finding)
    } else if (entry.expires !== undefined && entry.expires <= today) {
      reported.push({
        ...finding,
        message: `${finding.message} (its baseline entry expired on ${entry.expires})`
      })
    } else {
      accepted++
    }
  }
  return { reported, accepted }
}

/**
 * A baseline accepting `findings`, keeping the reason and expiry of entries
 * already there. Only fingerprints and redacted forms are written.
 */
export function renderBaseline(
  findings: readonly Finding[],
  previous: readonly BaselineEntry[],
  today: string
): string {
  const old = new Map(previous.map(e => [e.fingerprint, e]))
  const entries = new Map<string, BaselineEntry>()
  for (const f of findings) {
    if (!f.fingerprint || entries.has(f.fingerprint)) continue
    const kept = old.get(f.fingerprint)
    entries.set(f.fingerprint, {
      fingerprint: f.fingerprint,
      rule: f.rule,
      file: f.file,
      redacted: f.redacted,
      reason:
        kept?.reason ??
        `accepted by launch-gate secrets baseline on ${today}: say why`,
      ...(kept?.expires ? { expires: kept.expires } : {})
    })
  }
  return `${JSON.stringify({ version: 1, entries: [...entries.values()] }, null, 2)}\n`
}
