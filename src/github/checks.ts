import {
  ANNOTATIONS_PER_REQUEST,
  type CheckRunOutput
} from '../report/check-run.ts'
import type { Octokit } from './client.ts'

export interface Repo {
  owner: string
  repo: string
}

export const CHECK_RUN_NAME = 'launch-gate'

/**
 * Creates the `launch-gate` check run on `sha`, in progress. Returns its id
 * and the gate's author (§7.0): the bot login of the token in use, read from
 * the app that owns the check run (`github-actions` for the workflow token),
 * since `GET /user` answers 403 to installation tokens.
 */
export async function createCheckRun(
  octokit: Octokit,
  repo: Repo,
  sha: string,
  detailsUrl?: string
): Promise<{ id: number; author?: string }> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: CHECK_RUN_NAME,
    head_sha: sha,
    status: 'in_progress',
    started_at: new Date().toISOString(),
    details_url: detailsUrl
  })
  const slug = data.app?.slug
  return { id: data.id, author: slug ? `${slug}[bot]` : undefined }
}

/**
 * Completes the check run. The API takes 50 annotations per request, so the
 * first batch goes with the conclusion and the rest follow in further updates.
 */
export async function completeCheckRun(
  octokit: Octokit,
  repo: Repo,
  checkRunId: number,
  output: CheckRunOutput
): Promise<void> {
  const { conclusion, title, summary, annotations } = output
  const batches: (typeof annotations)[] = []
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST))
  }
  const [first = [], ...rest] = batches
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: checkRunId,
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output: { title, summary, annotations: first }
  })
  for (const batch of rest) {
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: checkRunId,
      output: { title, summary, annotations: batch }
    })
  }
}
