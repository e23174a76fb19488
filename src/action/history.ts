import * as core from '@actions/core'
import { resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import type { HistoryOptions } from '../engine/gate.ts'
import { gateKey } from '../engine/gate-key.ts'
import type { GitHubApi } from '../github/policy-at-base.ts'
import { BranchHistoryStore } from '../github/history-branch.ts'
import { FileHistoryStore } from '../history/file-store.ts'
import type { LoadedPolicy } from '../policy/load.ts'
import { historySection } from '../policy/schema.ts'
import type { ActionSettings } from './settings.ts'

/** The workflow token's bot: trusted when the check run could not tell the gate author. */
const WORKFLOW_BOT = 'github-actions[bot]'

/** Pull-request events: they read history and never write it (forks come this way). */
const READ_ONLY_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'merge_group'
])

/**
 * The action's history (§7.2): on when the policy has `history:` or the
 * `history` input says branch/file; `off` wins. Runs on a pull request
 * compare with its base branch; other runs with the default branch.
 */
export function actionHistory(
  settings: ActionSettings,
  loaded: LoadedPolicy,
  api: GitHubApi | undefined,
  author: string | undefined
): HistoryOptions | undefined {
  const section = loaded.policy.history
  const mode =
    settings.history ?? (section ? section.store : undefined) ?? 'off'
  if (mode === 'off') {
    if (settings.alertAfter > 1) {
      throw new UsageError(
        `alert-after: ${settings.alertAfter} counts failing runs in the history: add a history: section to the policy or set the history input`
      )
    }
    if (settings.historyAccept) {
      core.warning(
        'history-accept is set but history is off: nothing to accept'
      )
    }
    return undefined
  }
  const { env, event } = settings
  const settingsOrDefaults = section ?? historySection.parse({})
  const key = gateKey({
    workflowRef: env.GITHUB_WORKFLOW_REF,
    job: env.GITHUB_JOB,
    policyPath: settings.policyPath,
    extra: settingsOrDefaults.key
  })
  const pullRequest = READ_ONLY_EVENTS.has(event.eventName)
  const ref =
    (pullRequest ? env.GITHUB_HEAD_REF : env.GITHUB_REF_NAME) || 'unknown'
  const baseRef = pullRequest
    ? env.GITHUB_BASE_REF || event.defaultBranch || ref
    : event.defaultBranch || ref
  if (pullRequest && settings.historyAccept) {
    core.warning(
      'history-accept on a pull request has no effect: pull requests never write history; accept on the default branch'
    )
  }
  const store =
    mode === 'file'
      ? new FileHistoryStore(
          resolve(settings.workspace, settingsOrDefaults.path)
        )
      : api
        ? new BranchHistoryStore({
            ...api,
            branch: settingsOrDefaults.branch,
            key,
            author: author ?? WORKFLOW_BOT,
            warn: core.warning
          })
        : undefined
  if (!store) {
    core.warning(
      'history on a branch needs a github-token and a repository: history is off for this run'
    )
    return undefined
  }
  return {
    store,
    run: {
      key,
      ref,
      sha: event.headSha,
      event: event.eventName,
      environment: event.environment,
      url: settings.runUrl
    },
    baseRef,
    accept: settings.historyAccept && !pullRequest,
    write: !pullRequest,
    warn: core.warning
  }
}
