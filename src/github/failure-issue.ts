import type { Octokit } from './client.ts'
import type { Repo } from './checks.ts'
import { isOurs } from './comments.ts'

export const ISSUE_LABEL = 'launch-gate'

/**
 * For scheduled runs: one open issue while the gate fails (created, then its
 * body refreshed on each failing run), closed with a
 * comment when the gate passes again. Found by its hidden marker, and only
 * among issues the gate's author opened.
 */
export async function syncFailureIssue(
  octokit: Octokit,
  repo: Repo,
  marker: string,
  author: string,
  failing: boolean,
  title: string,
  body: string,
  /** False until `alert-after` failing runs in a row: update an open issue, open none. */
  mayOpen = true
): Promise<'opened' | 'updated' | 'closed' | 'none'> {
  let existing: { number: number } | undefined
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    labels: ISSUE_LABEL,
    per_page: 100
  })
  for await (const { data } of pages) {
    existing = data.find(issue => isOurs(issue, marker, author))
    if (existing) break
  }
  if (failing && !existing) {
    if (!mayOpen) return 'none'
    await octokit.rest.issues.create({
      ...repo,
      title,
      body,
      labels: [ISSUE_LABEL]
    })
    return 'opened'
  }
  if (failing && existing) {
    await octokit.rest.issues.update({
      ...repo,
      issue_number: existing.number,
      title,
      body
    })
    return 'updated'
  }
  if (!failing && existing) {
    await octokit.rest.issues.createComment({
      ...repo,
      issue_number: existing.number,
      body: 'The launch gate passes again: closing.'
    })
    await octokit.rest.issues.update({
      ...repo,
      issue_number: existing.number,
      state: 'closed'
    })
    return 'closed'
  }
  return 'none'
}
