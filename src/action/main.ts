import * as core from '@actions/core'
import { resolve } from 'node:path'
import { runGate } from '../engine/gate.ts'
import { PolicyError, UsageError } from '../policy/errors.ts'
import { loadPolicyFile } from '../policy/load.ts'
import { writeJsonReport } from '../report/json.ts'
import { STATUS_ICON } from '../report/markdown.ts'
import type { Report } from '../report/model.ts'
import { renderStepSummary } from '../report/summary.ts'
import { errorMessage } from '../util/errors.ts'
import { throttled } from '../util/progress.ts'
import { readSettings } from './inputs.ts'
import type { ActionSettings } from './settings.ts'

/** Exit code for an invalid policy or invocation (spec §3), as in the CLI. */
const EXIT_INVALID = 2

/** The action: inputs → policy → engine → reports → outputs. */
export async function run(): Promise<void> {
  try {
    const settings = readSettings(process.env)
    if (skipDeployment(settings)) return
    const loaded = await loadPolicyFile(settings.policyPath, settings.env, settings.workspace)
    const report = await runGate(loaded, {
      url: settings.url,
      only: settings.only,
      waitMs: settings.waitMs,
      env: settings.env,
      cwd: settings.workspace,
      diffRange: settings.event.diffRange,
      log: core.info,
      progress: throttled(core.info, 5000),
      onResult: r => core.info(`${STATUS_ICON[r.status]} ${r.status} ${r.kind} ${r.name}: ${r.summary}`),
      onSecretValues: values => values.forEach(core.setSecret)
    })
    await publish(report, settings)
    if (report.result === 'fail' && settings.failOn === 'error') {
      core.setFailed(report.summary)
    }
  } catch (error) {
    if (error instanceof PolicyError) {
      for (const p of error.problems) {
        core.error(p.message, { file: error.file, startLine: p.line, startColumn: p.column })
      }
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

/** On deployment_status, only a successful deployment has something to check. */
function skipDeployment(settings: ActionSettings): boolean {
  const state = settings.event.deploymentState
  if (settings.event.eventName !== 'deployment_status' || state === 'success') {
    return false
  }
  core.info(`Deployment state is '${state ?? 'unknown'}': nothing to check yet, skipping`)
  core.setOutput('result', 'skip')
  core.setOutput('summary', `skipped: deployment state ${state ?? 'unknown'}`)
  return true
}

async function publish(report: Report, settings: ActionSettings): Promise<void> {
  const reportPath = resolve(settings.workspace, settings.reportPath)
  await writeJsonReport(report, reportPath)
  core.setOutput('result', report.result)
  core.setOutput('report', reportPath)
  core.setOutput('summary', report.summary)
  core.info(report.summary)
  if (settings.stepSummary) {
    await core.summary.addRaw(renderStepSummary(report, settings.runUrl)).write()
  }
}
