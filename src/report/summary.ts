import { renderMarkdown } from './markdown.ts'
import type { Report } from './model.ts'

/** GitHub rejects a step summary over 1 MiB of UTF-8 bytes. */
export const STEP_SUMMARY_BYTES = 1024 * 1024

/** The job summary (`GITHUB_STEP_SUMMARY`) markdown, at most 1 MiB of bytes. */
export function renderStepSummary(report: Report, runUrl?: string): string {
  const markdown = renderMarkdown(report, {
    maxLength: STEP_SUMMARY_BYTES - 1,
    measure: 'bytes',
    runUrl,
    trends: true
  })
  return `${markdown}\n`
}
