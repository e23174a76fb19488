import { getExecOutput } from '@actions/exec'
import { CannotJudgeError } from '../errors.ts'
import { repositoryPath, type PolicyFileReader } from '../policy/files.ts'
import { errorMessage } from '../util/errors.ts'
import { statusOf, type Octokit } from './client.ts'
import type { Repo } from './checks.ts'
import type { AssociatedPull } from './comments.ts'
import type { EventContext } from './context.ts'

export interface GitHubApi {
  octokit: Octokit
  repo: Repo
  /** The pull request of a commit, asked once (`pullRequestLookup`). */
  pullRequestOf(sha: string): Promise<AssociatedPull | undefined>
}

/** The commit `policy-ref: base` reads the policy at, and why that one. */
export interface PolicyBase {
  sha: string
  /** e.g. `the pull request's base`, for the report's note. */
  why: string
}

const ZERO_SHA = /^0+$/
/** A commit id, so that nothing else reaches a git command line. */
const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/

/**
 * Where "base" is for this event (§7.1): the pull request's base sha, the
 * commit before a push, the default branch head for schedule and dispatch,
 * and on deployment_status the base of the deployment's pull request, else
 * the deployed sha when it is on the default branch. Anything else cannot
 * be judged: never the checked-out policy instead.
 */
export async function resolvePolicyBase(
  event: EventContext,
  github: GitHubApi | undefined
): Promise<PolicyBase> {
  const cannot = (why: string) =>
    new CannotJudgeError(`policy-ref: base cannot find the base commit: ${why}`)
  const checked = (sha: string | undefined, why: string) => {
    if (!sha || !COMMIT_ID.test(sha)) {
      throw cannot(`the event has no valid commit id for ${why}`)
    }
    return { sha, why }
  }
  switch (event.eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return checked(event.baseSha, "the pull request's base")
    case 'push':
      if (!event.before || ZERO_SHA.test(event.before)) {
        throw cannot('this push created the branch (no commit before it)')
      }
      return checked(event.before, 'the commit before the push')
    case 'schedule':
    case 'workflow_dispatch': {
      const api = needApi(github, event.eventName, cannot)
      return checked(
        await defaultBranchHead(api, event.defaultBranch, cannot),
        'the default branch head'
      )
    }
    case 'deployment_status': {
      const api = needApi(github, event.eventName, cannot)
      return checked(
        await deploymentBase(api, event, cannot),
        "the deployment's base"
      )
    }
    default:
      throw cannot(`'${event.eventName || 'unknown'}' events have no base`)
  }
}

function needApi(
  github: GitHubApi | undefined,
  eventName: string,
  cannot: (why: string) => Error
): GitHubApi {
  if (!github) {
    throw cannot(
      `on ${eventName} it is looked up with the GitHub API, and there is no token`
    )
  }
  return github
}

async function defaultBranchHead(
  { octokit, repo }: GitHubApi,
  known: string | undefined,
  cannot: (why: string) => Error
): Promise<string> {
  try {
    const branch =
      known ?? (await octokit.rest.repos.get({ ...repo })).data.default_branch
    const { data } = await octokit.rest.repos.getBranch({ ...repo, branch })
    return data.commit.sha
  } catch (error) {
    throw cannot(`the default branch head: ${apiFailure(error)}`)
  }
}

/**
 * The deployment's pull request (an open one first) gives its base; with
 * none, the deployed commit itself when the default branch contains it.
 */
async function deploymentBase(
  { octokit, repo, pullRequestOf }: GitHubApi,
  event: EventContext,
  cannot: (why: string) => Error
): Promise<string> {
  const sha = event.headSha
  if (!sha || !COMMIT_ID.test(sha)) throw cannot('the deployment has no sha')
  try {
    const pull = await pullRequestOf(sha)
    if (pull) return pull.baseSha
    const branch =
      event.defaultBranch ??
      (await octokit.rest.repos.get({ ...repo })).data.default_branch
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${sha}...${branch}`
    })
    if (data.status === 'identical' || data.status === 'ahead') return sha
  } catch (error) {
    throw cannot(`the deployment's pull request: ${apiFailure(error)}`)
  }
  throw cannot(
    `the deployed commit ${sha.slice(0, 7)} has no pull request and is not on the default branch`
  )
}

function apiFailure(error: unknown): string {
  const status = statusOf(error)
  return status ? `GitHub answered ${status}` : errorMessage(error)
}

/**
 * Reads files at one commit: local git first (fetching just that commit when
 * the checkout is shallow), else the contents API. Undefined for a file the
 * commit does not have; CannotJudgeError when the commit cannot be read.
 */
export function commitFileReader(options: {
  workspace: string
  sha: string
  github?: GitHubApi
}): PolicyFileReader {
  const { workspace, sha, github } = options
  let where: Promise<'git' | 'api'> | undefined
  const locate = () => (where ??= locateCommit(workspace, sha, github))
  return async path => {
    const file = repositoryPath(path)
    if ((await locate()) === 'git') {
      const shown = await git(workspace, ['show', `${sha}:${file}`])
      return shown.exitCode === 0 ? shown.stdout : undefined
    }
    return readThroughApi(github as GitHubApi, sha, file)
  }
}

async function locateCommit(
  workspace: string,
  sha: string,
  github: GitHubApi | undefined
): Promise<'git' | 'api'> {
  const present = async () =>
    (await git(workspace, ['cat-file', '-e', `${sha}^{commit}`])).exitCode === 0
  if (await present()) return 'git'
  await git(workspace, ['fetch', '--no-tags', '--depth=1', 'origin', sha])
  if (await present()) return 'git'
  if (!github) {
    throw new CannotJudgeError(
      `cannot read the base commit ${sha.slice(0, 7)}: not in the local clone and no token for the API`
    )
  }
  try {
    await github.octokit.rest.repos.getCommit({ ...github.repo, ref: sha })
  } catch (error) {
    throw new CannotJudgeError(
      `cannot read the base commit ${sha.slice(0, 7)}: ${apiFailure(error)}`
    )
  }
  return 'api'
}

async function readThroughApi(
  { octokit, repo }: GitHubApi,
  sha: string,
  path: string
): Promise<string | undefined> {
  let data
  try {
    data = (await octokit.rest.repos.getContent({ ...repo, path, ref: sha }))
      .data
  } catch (error) {
    if (statusOf(error) === 404) return undefined
    throw new CannotJudgeError(
      `cannot read ${path} at the base commit ${sha.slice(0, 7)}: ${apiFailure(error)}`
    )
  }
  if (Array.isArray(data) || data.type !== 'file') return undefined
  if (!('content' in data) || data.encoding !== 'base64') {
    throw new CannotJudgeError(
      `cannot read ${path} at the base commit ${sha.slice(0, 7)}: the contents API did not send it (too large?)`
    )
  }
  return Buffer.from(data.content, 'base64').toString('utf8')
}

function git(cwd: string, args: string[]) {
  return getExecOutput('git', args, {
    cwd,
    silent: true,
    ignoreReturnCode: true
  }).catch(() => ({ exitCode: -1, stdout: '', stderr: '' }))
}
