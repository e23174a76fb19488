/**
 * Waiting before any check (spec §7.8): for a preview to answer at all, or
 * for the release this run is about to show (`wait: { for, until }`), so a
 * post-deploy gate never judges the release it replaces.
 */
import { CannotJudgeError } from '../errors.ts'
import {
  evaluateSmoke,
  expectations,
  smokeRequestShape,
  type Expectations
} from '../checks/smoke.ts'
import type { HttpClient } from '../net/http.ts'
import { PreparedRequest } from '../net/request.ts'
import { pollUntil, waitForTarget } from '../net/wait.ts'
import type { Policy } from '../policy/schema.ts'
import type { Waited } from '../report/model.ts'
import { formatDuration, formatElapsed } from '../util/duration.ts'
import { errorMessage } from '../util/errors.ts'
import { commitScope, renderDeep, type Scope } from '../util/template.ts'

export type WaitSpec = NonNullable<Policy['defaults']['wait']>
type Until = NonNullable<WaitSpec['until']>

/** What a wait did: for the report, and its note or why it cannot judge. */
export interface WaitOutcome {
  waited: Waited
  /** For the report's notes (a wait that ended the run says it in `cannotJudge`). */
  note?: string
  /** The release never showed: the run cannot be judged (§7.0). */
  cannotJudge?: string
}

/**
 * Waits as `wait` says and tells what it waited for. A target that never
 * answers is a note (the checks say the rest); a release that never shows
 * means the run cannot be judged, naming what was awaited and the last answer.
 */
export async function waitBeforeChecks(
  http: HttpClient,
  target: URL | undefined,
  wait: WaitSpec,
  sha: string | undefined,
  log: (line: string) => void
): Promise<WaitOutcome | undefined> {
  const bound = formatDuration(wait.for)
  if (!wait.until) {
    if (!target) return undefined
    const awaited = `${target.href} to answer`
    log(`Waiting up to ${bound} for ${awaited}`)
    const polled = await waitForTarget(http, target, { forMs: wait.for })
    const note = `waited ${formatElapsed(polled.waitedMs)} for ${awaited}`
    if (polled.met) return { waited: record(awaited, polled), note }
    log(
      `${target.href} did not answer: ${polled.last}; running the checks anyway`
    )
    return {
      waited: record(awaited, polled),
      note: `${note}; it did not: ${polled.last}`
    }
  }
  const scope: Scope = { values: commitScope(sha) }
  let request: PreparedRequest
  let expected: Expectations
  try {
    request = new PreparedRequest(smokeRequestShape(wait.until), target)
    expected = renderDeep(expectations(wait.until), scope) as Expectations
  } catch (error) {
    // No target for the path, or no commit for `{{sha}}`.
    throw new CannotJudgeError(`cannot wait: ${errorMessage(error)}`)
  }
  const awaited = describeUntil(request.label, wait.until, expected)
  log(`Waiting up to ${bound} for ${awaited}`)
  const polled = await pollUntil(
    http,
    () => request.render(scope),
    res => {
      const outcome = evaluateSmoke(expected, res)
      return outcome.ok ? undefined : outcome.summary
    },
    { forMs: wait.for }
  )
  const waitedFor = `waited ${formatElapsed(polled.waitedMs)} for ${awaited}`
  if (polled.met) return { waited: record(awaited, polled), note: waitedFor }
  return {
    waited: record(awaited, polled),
    cannotJudge: `${waitedFor}: not seen within ${bound} (${polled.attempts} attempts); last answer: ${polled.last}`
  }
}

function record(
  awaited: string,
  polled: { met: boolean; waitedMs: number }
): Waited {
  return { for: awaited, ms: polled.waitedMs, met: polled.met }
}

/** `/api/version to report 3f2a9c1`, `/ to answer 200`. */
function describeUntil(
  place: string,
  until: Until,
  expected: Expectations
): string {
  const shown = [
    ...leaves(expected.json),
    ...Object.entries(expected.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    ...[expected.contains ?? []].flat().map(text => JSON.stringify(text))
  ]
  if (shown.length > 0) return `${place} to report ${shown.join(', ')}`
  return `${place} to answer ${[until.status].flat().join(' or ')}`
}

/** The scalar values inside an expected JSON subset. */
function leaves(value: unknown): string[] {
  if (value === undefined) return []
  if (value !== null && typeof value === 'object') {
    return Object.values(value).flatMap(leaves)
  }
  return [String(value)]
}
