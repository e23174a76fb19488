import { CannotJudgeError, UsageError } from '../errors.ts'
import * as core from '@actions/core'
import { glob } from 'node:fs/promises'
import { resolve } from 'node:path'
import { runGate, type GateOptions } from '../engine/gate.ts'
import { mergeShardReports, readShardReports } from '../engine/shards.ts'
import { cannotJudgeReport, stoppedReport } from '../engine/run.ts'
import { githubChangeProvider } from '../github/changes.ts'
import { createClient, createUrgentClient } from '../github/client.ts'
import { pullRequestLookup } from '../github/comments.ts'
import type { GitHubApi } from '../github/policy-at-base.ts'
import { GitHubReporter } from '../github/reporter.ts'
import { PolicyError } from '../policy/errors.ts'
import { writeJsonReport } from '../report/json.ts'
import { writeJunit } from '../report/junit.ts'
import { LIGHTHOUSE_REPORT_DIR } from '../checks/lighthouse/reports.ts'
import { writeSarif } from '../report/sarif.ts'
import { STATUS_ICON } from '../report/markdown.ts'
import type { CheckResult, Report } from '../report/model.ts'
import { renderStepSummary } from '../report/summary.ts'
import { installCrashGuard, onInterrupt } from '../util/crash-guard.ts'
import { errorMessage } from '../util/errors.ts'
import { throttled } from '../util/progress.ts'
import { redactUrl } from '../util/redact.ts'
import { oneLine } from '../util/untrusted.ts'
import { assertWritableFile } from '../util/writable.ts'
import { actionHistory } from './history.ts'
import { readSettings } from './inputs.ts'
import { log } from './log.ts'
import { loadActionPolicy, type ActionPolicy } from './policy.ts'
import type { ActionSettings } from './settings.ts'

/** Exit code for an invalid policy or invocation (spec §3), as in the CLI. */
const EXIT_INVALID = 2

/** What the run has done so far: a cancellation reports it. */
interface RunState {
  readonly started: Date
  readonly finished: CheckResult[]
  /** The `url` input, credentials hidden (the policy's target may hold `${VAR}` values). */
  target: string | null
  github?: GitHubReporter
}

/**
 * The action: inputs → policy → engine → reports → outputs. Once the check
 * run exists it is completed on every way out, a cancellation included.
 */
export async function run(): Promise<void> {
  const state: RunState = { started: new Date(), finished: [], target: null }
  installCrashGuard(log.failed, async line => {
    await state.github?.fail('launch-gate stopped on an unexpected error', line)
  })
  onInterrupt(async signal => {
    const reason = `cancelled (${signal})`
    log.warning(`launch-gate was ${reason}: reporting what finished`)
    await state.github?.cancel(
      stoppedReport(reason, { ...state, checks: state.finished }),
      `launch-gate ${reason} after ${state.finished.length} check(s)`
    )
  })
  try {
    const settings = readSettings(process.env)
    if (skipDeployment(settings)) return
    const reportPath = resolve(settings.workspace, settings.reportPath)
    await assertWritableFile(reportPath, 'report-path')
    if (settings.junitPath) {
      await assertWritableFile(junitFile(settings), 'junit-path')
    }
    state.target = settings.url ? redactUrl(settings.url) : null
    // A shard reports only its shard report: the merge job reports once.
    const api = settings.shard ? undefined : connect(settings)
    const github = api && createReporter(settings, api)
    state.github = github
    await github?.start()
    const report = await judge(settings, api, state)
    const written = await publish(report, settings, reportPath)
    await github?.publish(report)
    if (
      report.result === 'fail' &&
      (settings.failOn === 'error' || report.error !== undefined) &&
      (!settings.shard || report.error !== undefined)
    ) {
      log.failed(report.summary)
    } else if (!written) {
      log.failed('launch-gate could not write every report it was asked for')
    }
  } catch (error) {
    await stopped(error, state.github)
  }
}

/** The report: the gate's, or one that says the run cannot be judged (§7.0). */
async function judge(
  settings: ActionSettings,
  api: GitHubApi | undefined,
  state: RunState
): Promise<Report> {
  try {
    if (settings.merge) return await mergeShards(settings)
    const policy = await loadActionPolicy(settings, api)
    return await runGate(policy.loaded, {
      ...gateOptions(settings, api, policy, state),
      shard: settings.shard,
      history: settings.shard
        ? undefined
        : actionHistory(settings, policy.loaded, api, state.github?.author)
    })
  } catch (error) {
    if (!(error instanceof CannotJudgeError)) throw error
    return cannotJudgeReport(error.message, state)
  }
}

/** `merge: GLOB`: the shard reports in the workspace, merged into one report. */
async function mergeShards(settings: ActionSettings): Promise<Report> {
  const files: string[] = []
  for await (const file of glob(settings.merge as string, {
    cwd: settings.workspace
  })) {
    files.push(file)
  }
  if (files.length === 0) {
    throw new UsageError(`merge: no shard report matches ${settings.merge}`)
  }
  log.info(
    `Merging ${files.length} shard report(s): ${files.sort().join(', ')}`
  )
  return mergeShardReports(await readShardReports(files, settings.workspace))
}

/** No report: says why in the log and completes the check run as failed. */
async function stopped(
  error: unknown,
  github: GitHubReporter | undefined
): Promise<void> {
  if (error instanceof PolicyError) {
    for (const p of error.problems) {
      log.error(p.message, {
        file: error.file,
        startLine: p.line,
        startColumn: p.column
      })
    }
    await github?.publishPolicyError(error)
    log.failed(`invalid policy:\n${error.message}`)
    process.exitCode = EXIT_INVALID
  } else if (error instanceof UsageError) {
    await github?.fail('invalid launch-gate input', error.message)
    log.failed(error.message)
    process.exitCode = EXIT_INVALID
  } else {
    const line = `launch-gate could not run: ${errorMessage(error)}`
    await github?.fail('launch-gate could not run', line)
    log.failed(line)
  }
}

/** A GitHub client when there is a token and a repository to report to. */
function connect(settings: ActionSettings) {
  const [owner, repo] = settings.event.repository?.split('/') ?? []
  if (!settings.token || !owner || !repo) return undefined
  const octokit = createClient({
    token: settings.token,
    baseUrl: settings.apiUrl,
    log: log.info
  })
  const where = { owner, repo }
  return {
    octokit,
    repo: where,
    pullRequestOf: pullRequestLookup(octokit, where)
  }
}

function createReporter(settings: ActionSettings, api: GitHubApi) {
  return new GitHubReporter({
    ...api,
    urgent: createUrgentClient({
      token: settings.token,
      baseUrl: settings.apiUrl
    }),
    eventName: settings.event.eventName,
    sha: settings.event.headSha,
    pullNumber: settings.event.pullNumber,
    key: settings.gateKey,
    comment: settings.comment,
    openIssue: settings.openIssue,
    alertAfter: settings.alertAfter,
    runUrl: settings.runUrl,
    warn: log.warning,
    info: log.info
  })
}

/** The engine's options: settings, plus the runner's log as the sink. */
function gateOptions(
  settings: ActionSettings,
  api: GitHubApi | undefined,
  policy: ActionPolicy,
  state: RunState
): GateOptions {
  const { event } = settings
  return {
    url: settings.url,
    only: settings.only,
    waitMs: settings.waitMs,
    sha: event.headSha,
    // The advisory lookup (dependencies) uses the action's token when the
    // job sets no GITHUB_TOKEN of its own: it raises the API rate limit.
    env:
      settings.token && !settings.env.GITHUB_TOKEN
        ? { ...settings.env, GITHUB_TOKEN: settings.token }
        : settings.env,
    cwd: settings.workspace,
    diffRange: event.diffRange,
    changesFromApi:
      api && event.diffRange
        ? githubChangeProvider({
            ...api,
            ...event.diffRange,
            pullNumber: event.pullNumber
          })
        : undefined,
    readPolicyFile: policy.readPolicyFile,
    notes: policy.notes,
    log: log.info,
    progress: throttled(log.info, 5000),
    onResult: r => {
      state.finished.push(r)
      log.info(
        `${STATUS_ICON[r.status]} ${r.status} ${r.kind} ${r.name}: ${r.summary}`
      )
    },
    onSecretValues: values => values.forEach(core.setSecret)
  }
}

/** On deployment_status, only a successful deployment has something to check. */
function skipDeployment(settings: ActionSettings): boolean {
  const state = settings.event.deploymentState
  if (settings.event.eventName !== 'deployment_status' || state === 'success') {
    return false
  }
  log.info(
    `Deployment state is '${state ?? 'unknown'}': nothing to check yet, skipping`
  )
  core.setOutput('result', 'skip')
  core.setOutput(
    'summary',
    oneLine(`skipped: deployment state ${state ?? 'unknown'}`)
  )
  return true
}

/**
 * The local channels (outputs, JSON, SARIF, job summary), each on its own:
 * one failing is reported and the others are still written. False when one
 * failed.
 */
async function publish(
  report: Report,
  settings: ActionSettings,
  reportPath: string
): Promise<boolean> {
  let ok = true
  const channel = async (what: string, write: () => unknown) => {
    try {
      await write()
    } catch (error) {
      ok = false
      log.error(`launch-gate could not ${what}: ${errorMessage(error)}`)
    }
  }
  log.info(report.summary)
  await channel('set the outputs', () => {
    core.setOutput('result', report.result)
    core.setOutput('summary', oneLine(report.summary))
  })
  await channel('write the JSON report', async () => {
    await writeJsonReport(report, reportPath)
    core.setOutput('report', reportPath)
  })
  if (report.checks.some(c => c.kind === 'secrets' && c.status !== 'skip')) {
    await channel('write the SARIF file', async () => {
      const sarifPath = reportPath.replace(/(\.json)?$/, '.sarif')
      await writeSarif(report, sarifPath)
      core.setOutput('sarif', sarifPath)
    })
  }
  if (settings.junitPath) {
    await channel('write the JUnit report', async () => {
      await writeJunit(report, junitFile(settings))
      core.setOutput('junit', junitFile(settings))
    })
  }
  if (report.checks.some(c => c.kind === 'lighthouse' && c.status !== 'skip')) {
    core.setOutput(
      'lighthouse-reports',
      resolve(settings.workspace, LIGHTHOUSE_REPORT_DIR)
    )
  }
  if (settings.stepSummary) {
    await channel('write the job summary', () =>
      core.summary.addRaw(renderStepSummary(report, settings.runUrl)).write()
    )
  }
  return ok
}

function junitFile(settings: ActionSettings): string {
  return resolve(settings.workspace, settings.junitPath ?? '')
}
