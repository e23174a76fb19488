import { UsageError } from '../errors.ts'
import * as core from '@actions/core'
import { resolve } from 'node:path'
import { runGate, type GateOptions } from '../engine/gate.ts'
import { githubChangeProvider } from '../github/changes.ts'
import { createClient } from '../github/client.ts'
import { GitHubReporter } from '../github/reporter.ts'
import { PolicyError } from '../policy/errors.ts'
import { writeJsonReport } from '../report/json.ts'
import { writeSarif } from '../report/sarif.ts'
import { STATUS_ICON } from '../report/markdown.ts'
import type { Report } from '../report/model.ts'
import { renderStepSummary } from '../report/summary.ts'
import { installCrashGuard } from '../util/crash-guard.ts'
import { errorMessage } from '../util/errors.ts'
import { throttled } from '../util/progress.ts'
import { readSettings } from './inputs.ts'
import { loadActionPolicy } from './policy.ts'
import type { ActionSettings } from './settings.ts'

/** Exit code for an invalid policy or invocation (spec §3), as in the CLI. */
const EXIT_INVALID = 2

/** The action: inputs → policy → engine → reports → outputs. */
export async function run(): Promise<void> {
  installCrashGuard(core.setFailed)
  let github: GitHubReporter | undefined
  try {
    const settings = readSettings(process.env)
    if (skipDeployment(settings)) return
    const api = connect(settings)
    github = api && createReporter(settings, api)
    await github?.start()
    const { loaded, notes } = await loadActionPolicy(settings, api)
    const report = await runGate(loaded, gateOptions(settings, api, notes))
    await publish(report, settings)
    await github?.publish(report)
    if (
      report.result === 'fail' &&
      (settings.failOn === 'error' || report.error !== undefined)
    ) {
      core.setFailed(report.summary)
    }
  } catch (error) {
    if (error instanceof PolicyError) {
      for (const p of error.problems) {
        core.error(p.message, {
          file: error.file,
          startLine: p.line,
          startColumn: p.column
        })
      }
      await github?.publishPolicyError(error)
      core.setFailed(`invalid policy:\n${error.message}`)
      process.exitCode = EXIT_INVALID
    } else if (error instanceof UsageError) {
      core.setFailed(error.message)
      process.exitCode = EXIT_INVALID
    } else {
      core.setFailed(`launch-gate could not run: ${errorMessage(error)}`)
    }
  }
}

/** A GitHub client when there is a token and a repository to report to. */
function connect(settings: ActionSettings) {
  const [owner, repo] = settings.event.repository?.split('/') ?? []
  if (!settings.token || !owner || !repo) return undefined
  const octokit = createClient({
    token: settings.token,
    baseUrl: settings.apiUrl,
    log: core.info
  })
  return { octokit, repo: { owner, repo } }
}

type GitHubApi = NonNullable<ReturnType<typeof connect>>

function createReporter(settings: ActionSettings, api: GitHubApi) {
  return new GitHubReporter({
    ...api,
    eventName: settings.event.eventName,
    sha: settings.event.headSha,
    pullNumber: settings.event.pullNumber,
    key: settings.reporterKey,
    comment: settings.comment,
    openIssue: settings.openIssue,
    runUrl: settings.runUrl,
    warn: core.warning,
    info: core.info
  })
}

/** The engine's options: settings, plus the runner's log as the sink. */
function gateOptions(
  settings: ActionSettings,
  api: GitHubApi | undefined,
  notes: string[]
): GateOptions {
  const { event } = settings
  return {
    url: settings.url,
    only: settings.only,
    waitMs: settings.waitMs,
    env: settings.env,
    cwd: settings.workspace,
    diffRange: event.diffRange,
    policyCommit: settings.policyRef === 'base' ? event.baseSha : undefined,
    changesFromApi:
      api && event.diffRange
        ? githubChangeProvider({
            ...api,
            ...event.diffRange,
            pullNumber: event.pullNumber
          })
        : undefined,
    notes,
    log: core.info,
    progress: throttled(core.info, 5000),
    onResult: r =>
      core.info(
        `${STATUS_ICON[r.status]} ${r.status} ${r.kind} ${r.name}: ${r.summary}`
      ),
    onSecretValues: values => values.forEach(core.setSecret)
  }
}

/** On deployment_status, only a successful deployment has something to check. */
function skipDeployment(settings: ActionSettings): boolean {
  const state = settings.event.deploymentState
  if (settings.event.eventName !== 'deployment_status' || state === 'success') {
    return false
  }
  core.info(
    `Deployment state is '${state ?? 'unknown'}': nothing to check yet, skipping`
  )
  core.setOutput('result', 'skip')
  core.setOutput('summary', `skipped: deployment state ${state ?? 'unknown'}`)
  return true
}

async function publish(
  report: Report,
  settings: ActionSettings
): Promise<void> {
  const reportPath = resolve(settings.workspace, settings.reportPath)
  await writeJsonReport(report, reportPath)
  core.setOutput('result', report.result)
  core.setOutput('report', reportPath)
  core.setOutput('summary', report.summary)
  if (report.checks.some(c => c.kind === 'secrets' && c.status !== 'skip')) {
    const sarifPath = reportPath.replace(/(\.json)?$/, '.sarif')
    await writeSarif(report, sarifPath)
    core.setOutput('sarif', sarifPath)
  }
  core.info(report.summary)
  if (settings.stepSummary) {
    await core.summary
      .addRaw(renderStepSummary(report, settings.runUrl))
      .write()
  }
}
