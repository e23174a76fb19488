import type { Octokit } from './client.ts'
import type { Repo } from './checks.ts'

/**
 * Edits the comment that carries `marker`, or creates it. Searches every page
 * (100 at a time, stopping at the first match): on a busy PR the first page
 * alone would miss it and post a second copy.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  body: string
): Promise<'created' | 'updated'> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100
  })
  for await (const { data } of pages) {
    const existing = data.find(comment => comment.body?.includes(marker))
    if (existing) {
      await octokit.rest.issues.updateComment({
        ...repo,
        comment_id: existing.id,
        body
      })
      return 'updated'
    }
  }
  await octokit.rest.issues.createComment({
    ...repo,
    issue_number: issueNumber,
    body
  })
  return 'created'
}

/** The open pull request a commit belongs to (deployment_status has no PR number). */
export async function pullRequestForCommit(
  octokit: Octokit,
  repo: Repo,
  sha: string
): Promise<number | undefined> {
  const { data } =
    await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: sha
    })
  return (data.find(pr => pr.state === 'open') ?? data[0])?.number
}
