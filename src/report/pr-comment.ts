import { renderMarkdown } from './markdown.ts'
import type { Report } from './model.ts'

/** Comment bodies are capped at 65,536 characters. */
const COMMENT_LIMIT = 65_000

/**
 * The hidden marker that finds the sticky comment again. The key (workflow
 * and job) keeps two gates in one PR from overwriting each other.
 */
export function commentMarker(key: string): string {
  return `<!-- launch-gate:${key.replace(/--/g, '-')} -->`
}

/** The sticky PR comment: marker, verdict, table with failures first, run link. */
export function renderPrComment(
  report: Report,
  marker: string,
  runUrl?: string
): string {
  return `${marker}\n${renderMarkdown(report, { maxLength: COMMENT_LIMIT - marker.length - 1, runUrl })}\n`
}
