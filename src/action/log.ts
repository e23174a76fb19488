import * as core from '@actions/core'
import { logText } from '../util/untrusted.ts'

/**
 * Each line made log-safe (§7.1). `core.warning`/`error`/`setFailed` escape
 * line breaks themselves (%0A, one annotation), so their lines are kept.
 */
const message = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map(logText)
    .join('\n')

/**
 * The runner's log, the one way the action writes to it: outside text
 * (API errors, check summaries, payload fields) can neither split a line
 * nor start a workflow command.
 */
export const log = {
  /** One plain log line; line breaks are shown escaped. */
  info: (text: string) => core.info(logText(text)),
  warning: (text: string) => core.warning(message(text)),
  error: (text: string, properties?: core.AnnotationProperties) =>
    core.error(message(text), properties),
  /** Fails the step (exit code 1 unless set otherwise) with this message. */
  failed: (text: string) => core.setFailed(message(text))
}
