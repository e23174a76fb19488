import type { PolicyError } from '../policy/errors.ts'
import {
  renderCheckRun,
  type Annotation,
  type CheckRunOutput
} from '../report/check-run.ts'
import { renderMarkdown } from '../report/markdown.ts'
import type { Report } from '../report/model.ts'
import { commentMarker, renderPrComment } from '../report/pr-comment.ts'
import type { Octokit } from './client.ts'
import { completeCheckRun, createCheckRun, type Repo } from './checks.ts'
import { upsertStickyComment, type AssociatedPull } from './comments.ts'
import { syncFailureIssue } from './failure-issue.ts'
import { describeGitHubFailure } from './permissions.ts'
import { markdownText, oneLine } from '../util/untrusted.ts'

export interface GitHubReporterOptions {
  octokit: Octokit
  /** Sends the cancelled conclusion ahead of `octokit`'s write queue. */
  urgent: Octokit
  repo: Repo
  eventName: string
  /** The commit the check run is filed on. */
  sha?: string
  pullNumber?: number
  /** Finds the pull request of `sha` when the event names none. */
  pullRequestOf(sha: string): Promise<AssociatedPull | undefined>
  /** The gate key (§7.0): tells two gates in one PR (or repository) apart. */
  key: string
  comment: boolean
  openIssue: boolean
  /** `alert-after`: failing runs in a row (from history) before the issue opens. */
  alertAfter?: number
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
 * and never changes the gate's result. Once created, the check run is
 * completed on every way out: the report, an invalid policy or input, a
 * crash, a cancellation.
 */
export class GitHubReporter {
  private readonly options: GitHubReporterOptions
  private checkRunId: number | undefined
  private gateAuthor: string | undefined
  /** The check run's creation, which a completion waits for. */
  private creation: Promise<void> | undefined
  /** The completion sent (or being sent): the check run is completed once. */
  private completion: Promise<void> | undefined

  constructor(options: GitHubReporterOptions) {
    this.options = options
  }

  /**
   * The gate's author (§7.0), known once `start()` created the check run:
   * the bot login of the token in use. Only comments, issues and history
   * records written by this login are edited or trusted; undefined means
   * none is.
   */
  get author(): string | undefined {
    return this.gateAuthor
  }

  /** Files the check run as in progress, so reviewers see the gate running. */
  async start(): Promise<void> {
    const { octokit, repo, sha, runUrl } = this.options
    if (!sha) return
    this.creation = this.attempt(
      'create the check run',
      'checks: write',
      async () => {
        const created = await createCheckRun(octokit, repo, sha, runUrl)
        this.checkRunId = created.id
        this.gateAuthor = created.author
      }
    )
    await this.creation
  }

  /** Each channel on its own: one failing does not keep the others back. */
  async publish(report: Report): Promise<void> {
    await this.complete(renderCheckRun(report, this.options.runUrl))
    await this.comment(report)
    await this.syncIssue(report)
  }

  /** An invalid policy still completes the check run, annotated at each problem. */
  async publishPolicyError(error: PolicyError): Promise<void> {
    await this.fail(
      'invalid launch policy',
      error.message,
      error.problems.map(p => ({
        path: error.file,
        start_line: p.line,
        end_line: p.line,
        annotation_level: 'failure',
        title: 'launch-gate: invalid policy',
        message: p.message
      }))
    )
  }

  /**
   * The gate stopped before a report (bad input, a crash): `failure`, with
   * `why` (plain text, one item per line) as the summary.
   */
  async fail(
    title: string,
    why: string,
    annotations: Annotation[] = []
  ): Promise<void> {
    const lines = why.split(/\r\n|\r|\n/).map(line => `- ${markdownText(line)}`)
    await this.complete({
      conclusion: 'failure',
      title,
      summary: [`### ❌ ${title}`, '', ...lines].join('\n'),
      annotations
    })
  }

  /**
   * The job was cancelled: `cancelled`, with what finished so far, sent
   * without waiting in the write queue. A completion already on its way is
   * awaited instead.
   */
  async cancel(partial: Report, reason: string): Promise<void> {
    const output = renderCheckRun(partial, this.options.runUrl)
    await this.complete(
      { ...output, conclusion: 'cancelled', title: reason.slice(0, 255) },
      this.options.urgent
    )
  }

  private async complete(
    output: CheckRunOutput,
    octokit = this.options.octokit
  ): Promise<void> {
    // A cancellation can come while the creation is still unanswered.
    await this.creation
    const id = this.checkRunId
    if (id === undefined) return
    this.completion ??= this.attempt(
      'complete the check run',
      'checks: write',
      () => completeCheckRun(octokit, this.options.repo, id, output)
    )
    await this.completion
  }

  private async comment(report: Report): Promise<void> {
    const { octokit, repo, eventName, sha, key, runUrl, pullRequestOf } =
      this.options
    if (!this.options.comment || !PR_EVENTS.has(eventName)) return
    await this.attempt(
      'post the PR comment',
      'pull-requests: write',
      async () => {
        const pullNumber =
          this.options.pullNumber ??
          (sha ? (await pullRequestOf(sha))?.number : undefined)
        if (pullNumber === undefined) {
          this.options.info('No pull request for this commit: no comment')
          return
        }
        if (this.gateAuthor === undefined) {
          this.options.warn(
            'launch-gate does not know its own login (no check run): it posts a new comment rather than edit one it cannot prove is its own'
          )
        }
        const marker = commentMarker(key)
        const outcome = await upsertStickyComment(
          octokit,
          repo,
          pullNumber,
          marker,
          renderPrComment(report, marker, runUrl),
          this.gateAuthor
        )
        this.options.info(`PR #${pullNumber}: comment ${outcome}`)
      }
    )
  }

  private async syncIssue(report: Report): Promise<void> {
    const { octokit, repo, key, runUrl } = this.options
    if (!this.options.openIssue) return
    const author = this.gateAuthor
    if (author === undefined) {
      this.options.warn(
        'launch-gate does not know its own login (no check run): the failure issue is left alone'
      )
      return
    }
    await this.attempt(
      'update the failure issue',
      'issues: write',
      async () => {
        const marker = commentMarker(`issue:${key}`)
        const markdown = renderMarkdown(report, {
          maxLength: 60_000,
          runUrl,
          trends: true
        })
        const body = `${marker}\n${failingSince(report)}${markdown}\n`
        const streak = report.history?.failing_streak ?? 1
        const outcome = await syncFailureIssue(
          octokit,
          repo,
          marker,
          author,
          report.result === 'fail',
          oneLine(`launch-gate fails: ${report.summary}`).slice(0, 250),
          body,
          streak >= (this.options.alertAfter ?? 1)
        )
        if (outcome === 'none' && report.result === 'fail') {
          this.options.info(
            `Failing ${streak} run(s) in a row: the issue opens at ${this.options.alertAfter} (alert-after)`
          )
        }
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

/** With history: since when the gate fails, and links to the failing runs. */
function failingSince(report: Report): string {
  const history = report.history
  if (!history?.failing_since) return ''
  const links = (history.failing_runs ?? [])
    .filter(url => /^https?:\/\/[^\s()<>[\]]+$/.test(url))
    .map((url, i) => `[${i + 1}](${url})`)
    .join(' ')
  return `Failing since ${markdownText(history.failing_since)} (${history.failing_streak} run(s) in a row)${links ? `: ${links}` : ''}\n\n`
}
