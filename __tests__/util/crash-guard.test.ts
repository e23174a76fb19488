import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const guard = fileURLToPath(
  new URL('../../src/util/crash-guard.ts', import.meta.url)
)

describe('crash guard', () => {
  it('turns an error thrown outside any await into one line and exit 1', async () => {
    const script = `
      import { installCrashGuard } from ${JSON.stringify(guard)}
      installCrashGuard(line => process.stderr.write(line + '\\n'))
      setTimeout(() => { throw new Error('socket hang up') }, 1)
    `
    const run = promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      script
    ])
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: 'launch-gate stopped on an unexpected error: socket hang up\n'
    })
  })

  it('says its last words (e.g. completes the check run) before exiting 1', async () => {
    const script = `
      import { installCrashGuard } from ${JSON.stringify(guard)}
      installCrashGuard(
        line => process.stderr.write(line + '\\n'),
        async line => {
          await new Promise(resolve => setTimeout(resolve, 10))
          process.stdout.write('completed: ' + line)
        }
      )
      setTimeout(() => { throw new Error('socket hang up') }, 1)
    `
    const run = promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      script
    ])
    await expect(run).rejects.toMatchObject({
      code: 1,
      stdout:
        'completed: launch-gate stopped on an unexpected error: socket hang up'
    })
  })
})
