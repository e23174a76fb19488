import { CheckError } from '../../../errors.ts'
import { execFile } from 'node:child_process'
import type { CheckContext } from '../../types.ts'

/** Largest `git diff` output read; bigger changes are an error, not a guess. */
export const MAX_DIFF_BYTES = 256 * 1024 * 1024
/** Git commands other than fetch must finish within this. */
export const GIT_TIMEOUT_MS = 120_000

/** Runs git in `cwd` without a shell; failures become one-line CheckErrors. */
export function git(
  ctx: Pick<CheckContext, 'cwd' | 'env' | 'signal'>,
  args: readonly string[],
  timeoutMs = GIT_TIMEOUT_MS
): Promise<Buffer> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      {
        cwd: ctx.cwd,
        encoding: 'buffer',
        maxBuffer: MAX_DIFF_BYTES,
        timeout: timeoutMs,
        signal: ctx.signal,
        // Never wait for a credential prompt on a fetch.
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' }
      },
      (error, stdout, stderr) => {
        if (!error) return done(stdout)
        const code = (error as { code?: unknown }).code
        if (code === 'ENOENT')
          return fail(new CheckError('git is not installed or not on PATH'))
        if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return fail(
            new CheckError(
              `git ${args[0]} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`
            )
          )
        }
        const reason =
          stderr.toString('utf8').trim().split('\n').at(-1) ||
          (error as Error).message.split('\n')[0]
        fail(new CheckError(`git ${args[0]} failed: ${reason}`))
      }
    )
  })
}

export async function hasCommit(
  ctx: CheckContext,
  rev: string
): Promise<boolean> {
  try {
    await git(ctx, ['cat-file', '-e', `${rev}^{commit}`])
    return true
  } catch {
    return false
  }
}
