import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Octokit } from '../github/client.ts'
import type { Repo } from '../github/checks.ts'
import { readPolicyAtBase } from '../github/policy-at-base.ts'
import {
  loadPolicyFile,
  parsePolicy,
  type LoadedPolicy
} from '../policy/load.ts'
import type { ActionSettings } from './settings.ts'

export interface ActionPolicy {
  loaded: LoadedPolicy
  /** For the report: where the policy came from, and whether the PR edits it. */
  notes: string[]
}

/**
 * The policy the gate enforces. With `policy-ref: base` on a pull request it
 * is the base commit's copy, so a PR cannot weaken its own gate; the report
 * says when the PR changes the policy.
 */
export async function loadActionPolicy(
  settings: ActionSettings,
  github: { octokit: Octokit; repo: Repo } | undefined
): Promise<ActionPolicy> {
  const { policyPath, workspace, env, event } = settings
  if (settings.policyRef !== 'base' || !event.baseSha) {
    const notes =
      settings.policyRef === 'base'
        ? [
            'policy-ref: base has no effect on this event (no pull request): using the checked-out policy'
          ]
        : []
    return { loaded: await loadPolicyFile(policyPath, env, workspace), notes }
  }
  const base = event.baseSha
  const baseText = await readPolicyAtBase({
    workspace,
    path: policyPath,
    baseSha: base,
    ...github
  })
  if (baseText === undefined) {
    return {
      loaded: await loadPolicyFile(policyPath, env, workspace),
      notes: [
        `${policyPath} does not exist on the base commit ${base.slice(0, 7)}: using the pull request's policy`
      ]
    }
  }
  const headText = await readFile(resolve(workspace, policyPath), 'utf8').catch(
    () => undefined
  )
  const notes = [
    `policy read from the base commit ${base.slice(0, 7)} (policy-ref: base)`
  ]
  if (headText !== baseText) {
    notes.push(
      `this pull request changes ${policyPath}: the changes apply once merged`
    )
  }
  return { loaded: parsePolicy(baseText, policyPath, env), notes }
}
