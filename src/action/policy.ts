import { CannotJudgeError, CheckError, UsageError } from '../errors.ts'
import {
  commitFileReader,
  resolvePolicyBase,
  type GitHubApi
} from '../github/policy-at-base.ts'
import {
  repositoryPath,
  workspaceFileReader,
  type PolicyFileReader
} from '../policy/files.ts'
import {
  loadPolicyFile,
  parsePolicy,
  type LoadedPolicy
} from '../policy/load.ts'
import type { ActionSettings } from './settings.ts'

export interface ActionPolicy {
  loaded: LoadedPolicy
  /** For the report: where the policy came from, and whether it differs here. */
  notes: string[]
  /** The files the policy names, read from where the policy was read. */
  readPolicyFile: PolicyFileReader
}

/**
 * The policy the gate enforces. With `policy-ref: base` it is the base
 * commit's copy (§7.1), and so is every file it names, so a change cannot
 * weaken its own gate. When the base cannot be found or read, or has no
 * policy, the run cannot be judged: the checked-out policy is never used
 * instead.
 */
export async function loadActionPolicy(
  settings: ActionSettings,
  github: GitHubApi | undefined
): Promise<ActionPolicy> {
  const { policyPath, workspace, env, event } = settings
  const inWorkspace = workspaceFileReader(workspace)
  if (settings.policyRef !== 'base') {
    return {
      loaded: await loadPolicyFile(policyPath, env, workspace),
      notes: [],
      readPolicyFile: inWorkspace
    }
  }
  try {
    repositoryPath(policyPath)
  } catch (error) {
    if (error instanceof CheckError) {
      throw new UsageError(`policy-ref: base needs ${error.message}`)
    }
    throw error
  }
  const base = await resolvePolicyBase(event, github)
  const short = base.sha.slice(0, 7)
  const atBase = commitFileReader({ workspace, sha: base.sha, github })
  const baseText = await atBase(policyPath)
  if (baseText === undefined) {
    throw new CannotJudgeError(
      `${policyPath} does not exist at ${base.why} ${short} (policy-ref: base); it is enforced once it is there`
    )
  }
  const notes = [
    `policy read from ${base.why} ${short} (policy-ref: base), as is every file it names`
  ]
  const here = await inWorkspace(policyPath).catch(() => undefined)
  if (here !== undefined && here !== baseText) {
    notes.push(
      `the checked-out ${policyPath} differs from ${base.why}: its changes apply once merged`
    )
  }
  return {
    loaded: parsePolicy(baseText, policyPath, env),
    notes,
    readPolicyFile: atBase
  }
}
