import { renderMarkdown } from './markdown.ts'
import { failsGate, truncate, type Report } from './model.ts'
import { logText, oneLine } from '../util/untrusted.ts'

/** The Checks API caps `output.summary` and `output.text` at 65,535 characters. */
const CHECK_RUN_TEXT_LIMIT = 65_535
/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50
/** Past this many, annotations stop; the report lists the rest. */
const MAX_ANNOTATIONS = 500

export interface Annotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: 'failure' | 'warning' | 'notice'
  title: string
  message: string
}

export interface CheckRunOutput {
  conclusion: 'success' | 'failure' | 'cancelled'
  title: string
  summary: string
  annotations: Annotation[]
}

const isUrl = (file: string) => /^https?:\/\//.test(file)

/**
 * The completed check run (outside text through util/untrusted.ts): conclusion, a title, the markdown report, and
 * annotations — each failing check at the policy line that declared it, and
 * each finding with a repository file and line (secrets) at that line.
 */
export function renderCheckRun(
  report: Report,
  runUrl?: string
): CheckRunOutput {
  const annotations: Annotation[] = []
  for (const check of report.checks) {
    if (check.status === 'pass' || check.status === 'skip') continue
    const level = failsGate(check) ? 'failure' : 'warning'
    if (check.source) {
      annotations.push({
        path: check.source.file,
        start_line: check.source.line,
        end_line: check.source.line,
        annotation_level: level,
        title: truncate(
          logText(`launch-gate ${check.kind} ${check.name}: ${check.status}`),
          255
        ),
        message: truncate(logText(check.summary), 4000)
      })
    }
    for (const finding of check.findings) {
      if (!finding.file || !finding.line || isUrl(finding.file)) continue
      annotations.push({
        path: finding.file,
        start_line: finding.line,
        end_line: finding.line,
        annotation_level: level,
        title: truncate(
          logText(
            `launch-gate ${check.kind}${finding.rule ? `: ${finding.rule}` : ''}`
          ),
          255
        ),
        message: truncate(
          logText(
            `${finding.message}${finding.redacted ? ` (${finding.redacted})` : ''}`
          ),
          4000
        )
      })
    }
  }
  const kept = annotations.slice(0, MAX_ANNOTATIONS)
  let summary = renderMarkdown(report, {
    maxLength: CHECK_RUN_TEXT_LIMIT - 200,
    runUrl
  })
  if (kept.length < annotations.length) {
    summary += `\n\n_${annotations.length - kept.length} more annotations were left out; the JSON report has every finding._`
  }
  return {
    conclusion: report.result === 'pass' ? 'success' : 'failure',
    title: truncate(oneLine(report.summary), 255),
    summary,
    annotations: kept
  }
}
