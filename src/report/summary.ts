import { renderMarkdown } from './markdown.ts'
import type { Report } from './model.ts'

/** GitHub rejects a step summary over 1 MiB; stay well under it. */
const STEP_SUMMARY_LIMIT = 1_000_000

/** The job summary (`GITHUB_STEP_SUMMARY`) markdown. */
export function renderStepSummary(report: Report, runUrl?: string): string {
  return `${renderMarkdown(report, { maxLength: STEP_SUMMARY_LIMIT, runUrl })}\n`
}
