import type { PolicyError } from '../policy/errors.ts'
import { renderCheckRun, type CheckRunOutput } from '../report/check-run.ts'
import { renderMarkdown } from '../report/markdown.ts'
import type { Report } from '../report/model.ts'
import { commentMarker, renderPrComment } from '../report/pr-comment.ts'
import type { Octokit } from './client.ts'
import { completeCheckRun, createCheckRun, type Repo } from './checks.ts'
import { pullRequestForCommit, upsertStickyComment } from './comments.ts'
import { syncFailureIssue } from './failure-issue.ts'
import { describeGitHubFailure } from './permissions.ts'

export interface GitHubReporterOptions {
  octokit: Octokit
  repo: Repo
  eventName: string
  /** The commit the check run is filed on. */
  sha?: string
  pullNumber?: number
  /** Tells two gates in one PR (or repository) apart: workflow and job. */
  key: string
  comment: boolean
  openIssue: boolean
  runUrl?: string
  warn(message: string): void
  info(message: string): void
}

/** Events whose pull request gets the sticky comment. */
const PR_EVENTS = new Set([
  'pull_request',
  'pull_request_target',
  'deployment_status'
])

/**
 * Everything the gate posts to GitHub: the check run, the sticky comment and,
 * for scheduled runs, the failure issue. A failed call becomes one warning
 * and never changes the gate's result.
 */
export class GitHubReporter {
  private readonly options: GitHubReporterOptions
  private checkRunId: number | undefined

  constructor(options: GitHubReporterOptions) {
    this.options = options
  }

  /** Files the check run as in progress, so reviewers see the gate running. */
  async start(): Promise<void> {
    const { octokit, repo, sha, runUrl } = this.options
    if (!sha) return
    await this.attempt('create the check run', 'checks: write', async () => {
      this.checkRunId = await createCheckRun(octokit, repo, sha, runUrl)
    })
  }

  async publish(report: Report): Promise<void> {
    await this.completeCheckRun(renderCheckRun(report, this.options.runUrl))
    await this.comment(report)
    await this.syncIssue(report)
  }

  /** An invalid policy still completes the check run, annotated at each problem. */
  async publishPolicyError(error: PolicyError): Promise<void> {
    await this.completeCheckRun({
      conclusion: 'failure',
      title: 'invalid launch policy',
      summary: [
        '### ❌ launch-gate: invalid policy',
        '',
        '```',
        error.message,
        '```'
      ].join('\n'),
      annotations: error.problems.map(p => ({
        path: error.file,
        start_line: p.line,
        end_line: p.line,
        annotation_level: 'failure',
        title: 'launch-gate: invalid policy',
        message: p.message
      }))
    })
  }

  private async completeCheckRun(output: CheckRunOutput): Promise<void> {
    const { octokit, repo } = this.options
    const id = this.checkRunId
    if (id === undefined) return
    await this.attempt('complete the check run', 'checks: write', () =>
      completeCheckRun(octokit, repo, id, output)
    )
  }

  private async comment(report: Report): Promise<void> {
    const { octokit, repo, eventName, sha, key, runUrl } = this.options
    if (!this.options.comment || !PR_EVENTS.has(eventName)) return
    await this.attempt(
      'post the PR comment',
      'pull-requests: write',
      async () => {
        const pullNumber =
          this.options.pullNumber ??
          (sha ? await pullRequestForCommit(octokit, repo, sha) : undefined)
        if (pullNumber === undefined) {
          this.options.info('No pull request for this commit: no comment')
          return
        }
        const marker = commentMarker(key)
        const outcome = await upsertStickyComment(
          octokit,
          repo,
          pullNumber,
          marker,
          renderPrComment(report, marker, runUrl)
        )
        this.options.info(`PR #${pullNumber}: comment ${outcome}`)
      }
    )
  }

  private async syncIssue(report: Report): Promise<void> {
    const { octokit, repo, key, runUrl } = this.options
    if (!this.options.openIssue) return
    await this.attempt(
      'update the failure issue',
      'issues: write',
      async () => {
        const marker = commentMarker(`issue:${key}`)
        const body = `${marker}\n${renderMarkdown(report, { maxLength: 60_000, runUrl })}\n`
        const outcome = await syncFailureIssue(
          octokit,
          repo,
          marker,
          report.result === 'fail',
          `launch-gate fails: ${report.summary}`.slice(0, 250),
          body
        )
        if (outcome !== 'none') this.options.info(`Failure issue ${outcome}`)
      }
    )
  }

  private async attempt(
    what: string,
    permission: string,
    call: () => Promise<void>
  ) {
    try {
      await call()
    } catch (error) {
      this.options.warn(describeGitHubFailure(error, what, permission))
    }
  }
}
