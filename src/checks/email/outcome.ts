import { adviceSuffix, failedOutcome } from '../outcome.ts'
import type { Finding, Metrics, UnitOutcome } from '../types.ts'

/** How one email part (spf, dmarc, a dkim selector) judged what it found. */
export interface PartVerdict {
  /** Problems that fail the check. */
  errors: Finding[]
  /** Advice that does not fail it (no rua, a 1024-bit key). */
  warnings: Finding[]
  /** What was found, shown when nothing failed. */
  summary: string
  metrics: Metrics
  /** What the reader should know that is no finding (a term not looked up). */
  notes?: string[]
}

/**
 * Errors fail the unit. Warnings are advice: the unit stays `ok` and the
 * engine reports it as `warn`, which never fails the gate.
 */
export function partOutcome(verdict: PartVerdict): UnitOutcome {
  const { errors } = verdict
  const warnings = verdict.warnings.map(f => ({
    ...f,
    severity: 'warning' as const
  }))
  const findings = [...errors, ...warnings]
  const metrics = { ...verdict.metrics, warnings: warnings.length }
  const notes = verdict.notes ?? []
  if (errors.length > 0) return { ...failedOutcome(findings, metrics), notes }
  return {
    ok: true,
    summary: verdict.summary + adviceSuffix(warnings),
    metrics,
    findings,
    notes
  }
}
