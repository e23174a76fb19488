import { getExecOutput } from '@actions/exec'
import { statusOf, type Octokit } from './client.ts'
import type { Repo } from './checks.ts'

/**
 * The policy file's text at the pull request's base commit, so a PR cannot
 * weaken its own gate. Local git first (fetching just that commit when the
 * checkout is shallow), then the contents API. Undefined when the base has
 * no such file.
 */
export async function readPolicyAtBase(options: {
  workspace: string
  path: string
  baseSha: string
  octokit?: Octokit
  repo?: Repo
}): Promise<string | undefined> {
  const { workspace, path, baseSha } = options
  const show = () =>
    getExecOutput('git', ['show', `${baseSha}:${path.replace(/^\.\//, '')}`], {
      cwd: workspace,
      silent: true,
      ignoreReturnCode: true
    })
  let shown = await show()
  if (shown.exitCode !== 0 && !(await hasCommit(workspace, baseSha))) {
    await getExecOutput(
      'git',
      ['fetch', '--no-tags', '--depth=1', 'origin', baseSha],
      {
        cwd: workspace,
        silent: true,
        ignoreReturnCode: true
      }
    )
    shown = await show()
  }
  if (shown.exitCode === 0) return shown.stdout
  if (await hasCommit(workspace, baseSha)) return undefined
  if (!options.octokit || !options.repo) {
    throw new Error(
      `cannot read ${path} at the base commit ${baseSha.slice(0, 7)}: not in the local clone and no token for the API`
    )
  }
  try {
    const { data } = await options.octokit.rest.repos.getContent({
      ...options.repo,
      path,
      ref: baseSha
    })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data))
      return undefined
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (error) {
    if (statusOf(error) === 404) return undefined
    throw error
  }
}

async function hasCommit(workspace: string, sha: string): Promise<boolean> {
  const { exitCode } = await getExecOutput(
    'git',
    ['cat-file', '-e', `${sha}^{commit}`],
    {
      cwd: workspace,
      silent: true,
      ignoreReturnCode: true
    }
  )
  return exitCode === 0
}
