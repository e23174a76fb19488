import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type Octokit = ReturnType<typeof getOctokit>

export interface ClientOptions {
  token: string
  /** GITHUB_API_URL: api.github.com or a GitHub Enterprise Server. */
  baseUrl: string
  /** Where the throttling plugin says it is waiting. */
  log(line: string): void
}

/** Rate-limited requests are retried this many times before giving up. */
const MAX_RATE_LIMIT_RETRIES = 2

/**
 * Octokit with no retries and no write queue, for the last call of a
 * cancelled run: the throttling plugin spaces writes a second apart, and the
 * runner gives a cancelled step only a few seconds.
 */
export function createUrgentClient(
  options: Omit<ClientOptions, 'log'>
): Octokit {
  return getOctokit(options.token, { baseUrl: options.baseUrl })
}

/**
 * Octokit with retries on 5xx and backoff on primary/secondary rate limits.
 * 4xx answers (403 for fork tokens, 404, 422) are never retried: they are
 * permission or input problems the caller reports once.
 */
export function createClient(options: ClientOptions): Octokit {
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
      throttle: {
        onRateLimit: (
          after: number,
          _req: unknown,
          _o: unknown,
          count: number
        ) => {
          options.log(`GitHub rate limit: retrying after ${after}s`)
          return count < MAX_RATE_LIMIT_RETRIES
        },
        onSecondaryRateLimit: (
          after: number,
          _req: unknown,
          _o: unknown,
          count: number
        ) => {
          options.log(`GitHub secondary rate limit: retrying after ${after}s`)
          return count < MAX_RATE_LIMIT_RETRIES
        }
      }
    },
    retry,
    throttling
  )
}

/** The HTTP status of an Octokit RequestError, if that is what it is. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : undefined
}
