import { parseShard } from '../checks/latency/shard.ts'
import { parseStartAt } from '../engine/shards.ts'
import { UsageError } from '../errors.ts'
import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { posix } from 'node:path'
import { parseCheckKinds } from '../engine/gate.ts'
import { gateKey } from '../engine/gate-key.ts'
import { parseEvent } from '../github/context.ts'
import { DURATION_HINT, parseDuration } from '../util/duration.ts'
import { errorMessage } from '../util/errors.ts'
import { log } from './log.ts'
import type { ActionSettings } from './settings.ts'

type Env = Readonly<Record<string, string | undefined>>

/** The only reader of action inputs and the runner's environment. */
export function readSettings(env: Env): ActionSettings {
  const event = parseEvent(env.GITHUB_EVENT_NAME ?? '', readEventPayload(env), {
    sha: env.GITHUB_SHA,
    repository: env.GITHUB_REPOSITORY
  })
  const failOn = core.getInput('fail-on') || 'error'
  if (failOn !== 'error' && failOn !== 'never') {
    throw new UsageError(`invalid fail-on '${failOn}': expected error or never`)
  }
  const policyRef = core.getInput('policy-ref')
  if (policyRef !== '' && policyRef !== 'base') {
    throw new UsageError(
      `invalid policy-ref '${policyRef}': expected base or empty`
    )
  }
  const wait = core.getInput('wait')
  const waitMs = wait ? parseDuration(wait) : undefined
  if (wait && waitMs === undefined) {
    throw new UsageError(`invalid wait '${wait}': expected ${DURATION_HINT}`)
  }
  const runUrl =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  // Normalised: annotations need the repository-relative path as GitHub shows it.
  const policyPath = posix.normalize(
    core.getInput('policy') || '.github/launch-policy.yml'
  )
  return {
    policyPath,
    url: core.getInput('url') || event.deploymentUrl,
    token: core.getInput('github-token'),
    only: parseCheckKinds(core.getInput('checks')),
    failOn,
    comment: booleanInput('comment', true),
    openIssue: booleanInput('open-issue', false),
    reportPath: core.getInput('report-path') || 'launch-gate-report.json',
    junitPath: core.getInput('junit-path') || undefined,
    policyRef: policyRef === 'base' ? 'base' : undefined,
    waitMs,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    event,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    gateKey: gateKey({
      workflowRef: env.GITHUB_WORKFLOW_REF,
      job: env.GITHUB_JOB,
      policyPath
    }),
    stepSummary: Boolean(env.GITHUB_STEP_SUMMARY),
    runUrl,
    ...historyInputs(),
    ...shardInputs(),
    env: withLighthousePath(env, core.getInput('lighthouse-path'))
  }
}

/** The `lighthouse-path` input reaches the lighthouse check as LIGHTHOUSE_PATH. */
function withLighthousePath(env: Env, path: string): Env {
  return path ? { ...env, LIGHTHOUSE_PATH: path } : env
}

/** `shard`, `start-at` and `merge` (§7.6). */
function shardInputs() {
  const shard = core.getInput('shard')
  const startAt = core.getInput('start-at')
  const merge = core.getInput('merge') || undefined
  if (!shard) {
    if (startAt) throw new UsageError('start-at goes with shard')
    return { merge }
  }
  if (merge) throw new UsageError('shard and merge are separate runs: give one')
  const part = parseShard(shard)
  if (part.count > 1 && !startAt) {
    throw new UsageError(
      `shard ${shard} needs start-at: one ISO time for every shard, computed once in a setup job`
    )
  }
  return { shard: { ...part, startAt: parseStartAt(startAt || undefined) } }
}

/** `history`, `history-accept` and `alert-after` (§7.2). */
function historyInputs() {
  const history = core.getInput('history') || undefined
  if (
    history !== undefined &&
    history !== 'branch' &&
    history !== 'file' &&
    history !== 'off'
  ) {
    throw new UsageError(
      `invalid history '${history}': expected branch, file or off`
    )
  }
  const alertAfter = core.getInput('alert-after') || '1'
  if (!/^\d{1,3}$/.test(alertAfter) || Number(alertAfter) < 1) {
    throw new UsageError(
      `invalid alert-after '${alertAfter}': expected a whole number of runs, 1 or more`
    )
  }
  return {
    history,
    historyAccept: booleanInput('history-accept', false),
    alertAfter: Number(alertAfter)
  } as const
}

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase()
  if (value === '') return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new UsageError(`invalid ${name} '${value}': expected true or false`)
}

function readEventPayload(env: Env): unknown {
  if (!env.GITHUB_EVENT_PATH) return undefined
  try {
    return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
  } catch (error) {
    log.warning(`cannot read the event payload: ${errorMessage(error)}`)
    return undefined
  }
}
