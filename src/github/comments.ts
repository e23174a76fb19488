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

/** A commit's pull request: deployment_status carries none of its own. */
export interface AssociatedPull {
  number: number
  baseSha: string
}

/**
 * Looks up the pull request a commit belongs to (an open one first), once
 * per commit: the policy's base and the sticky comment both need it.
 */
export function pullRequestLookup(
  octokit: Octokit,
  repo: Repo
): (sha: string) => Promise<AssociatedPull | undefined> {
  const asked = new Map<string, Promise<AssociatedPull | undefined>>()
  return sha => {
    let answer = asked.get(sha)
    if (!answer) {
      answer = octokit.rest.repos
        .listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha })
        .then(({ data }) => {
          const pull = data.find(pr => pr.state === 'open') ?? data[0]
          return pull && { number: pull.number, baseSha: pull.base.sha }
        })
      // A failed lookup is asked again by the next caller.
      answer.catch(() => asked.delete(sha))
      asked.set(sha, answer)
    }
    return answer
  }
}
