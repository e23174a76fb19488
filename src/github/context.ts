import type { DiffRange } from '../checks/types.ts'

/** What launch-gate needs from the workflow's event, parsed in one place. */
export interface EventContext {
  eventName: string
  /** owner/name */
  repository?: string
  /** The commit to report on: the PR head, the deployed sha, or GITHUB_SHA. */
  headSha?: string
  pullNumber?: number
  /** On deployment_status: environment_url, else target_url. */
  deploymentUrl?: string
  /** On deployment_status: success, failure, in_progress... */
  deploymentState?: string
  diffRange?: DiffRange
  /** The pull request's base commit, for `policy-ref: base`. */
  baseSha?: string
  /** On push: the commit before the push (all zeros for a new branch). */
  before?: string
  /** The repository's default branch, when the payload names it. */
  defaultBranch?: string
  /** On deployment_status: the deployment's environment (history records it). */
  environment?: string
}

interface Payload {
  pull_request?: {
    number?: number
    head?: { sha?: string }
    base?: { sha?: string }
  }
  before?: string
  after?: string
  deployment?: { sha?: string; environment?: string }
  deployment_status?: {
    state?: string
    environment_url?: string
    target_url?: string
  }
  repository?: { default_branch?: string }
}

const ZERO_SHA = /^0+$/

/** Reads the event the way the runner describes it. */
export function parseEvent(
  eventName: string,
  payload: unknown,
  fallback: { sha?: string; repository?: string }
): EventContext {
  const event = (payload ?? {}) as Payload
  const context: EventContext = {
    eventName,
    repository: fallback.repository,
    before: event.before,
    defaultBranch: event.repository?.default_branch
  }
  const pr = event.pull_request
  if (pr) {
    context.pullNumber = pr.number
    context.headSha = pr.head?.sha
    context.baseSha = pr.base?.sha
    if (pr.base?.sha && pr.head?.sha) {
      context.diffRange = { base: pr.base.sha, head: pr.head.sha }
    }
  } else if (event.before && event.after && !ZERO_SHA.test(event.before)) {
    context.diffRange = { base: event.before, head: event.after }
  }
  const status = event.deployment_status
  if (eventName === 'deployment_status' && status) {
    context.deploymentState = status.state
    context.deploymentUrl =
      status.environment_url || status.target_url || undefined
    context.headSha = event.deployment?.sha
    context.environment = event.deployment?.environment
  }
  context.headSha ??=
    event.after && !ZERO_SHA.test(event.after) ? event.after : fallback.sha
  return context
}
