import type { Octokit } from './client.ts'
import type { Repo } from './checks.ts'

/** Written by the gate's author and opening with its marker: ours to edit. */
export function isOurs(
  item: { body?: string | null; user?: { login?: string } | null },
  marker: string,
  author: string | undefined
): boolean {
  return (
    author !== undefined &&
    item.user?.login === author &&
    (item.body ?? '').startsWith(marker)
  )
}

/**
 * Edits the gate author's comment that opens with `marker`, or creates it.
 * Someone else's comment that copies the marker is never touched; with no
 * known author, a new comment is posted. Searches every page (100 at a time,
 * stopping at the first match): on a busy PR the first page alone would miss
 * it and post a second copy.
 */
export async function upsertStickyComment(
  octokit: Octokit,
  repo: Repo,
  issueNumber: number,
  marker: string,
  body: string,
  author: string | undefined
): Promise<'created' | 'updated'> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issueNumber,
    per_page: 100
  })
  for await (const { data } of author === undefined ? [] : pages) {
    const existing = data.find(comment => isOurs(comment, marker, author))
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
