import type { Finding, Metrics, UnitOutcome } from './types.ts'

const more = (count: number) => (count > 0 ? ` (+${count} more)` : '')

/**
 * A failed unit: its first failure (not advice) is the summary, followed by
 * how many other findings there are; every check summarises this way.
 */
export function failedOutcome(
  findings: Finding[],
  metrics: Metrics
): UnitOutcome {
  const first =
    findings.find(f => f.severity !== 'warning') ?? (findings[0] as Finding)
  return {
    ok: false,
    summary: first.message + more(findings.length - 1),
    metrics,
    findings
  }
}

/** `; warning: <first advice> (+N more)`, appended to a passing summary. */
export function adviceSuffix(warnings: readonly Finding[]): string {
  if (warnings.length === 0) return ''
  return `; warning: ${warnings[0].message}${more(warnings.length - 1)}`
}
