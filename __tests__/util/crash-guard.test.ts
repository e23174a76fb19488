import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const guard = fileURLToPath(
  new URL('../../src/util/crash-guard.ts', import.meta.url)
)

/** A process that installs the guard with `args`, then throws outside any await. */
function crashWith(args: string) {
  const script = `
    import { installCrashGuard } from ${JSON.stringify(guard)}
    installCrashGuard(${args})
    setTimeout(() => { throw new Error('socket hang up') }, 1)
  `
  return promisify(execFile)(process.execPath, [
    '--input-type=module',
    '-e',
    script
  ])
}

const report = `line => process.stderr.write(line + '\\n')`

describe('crash guard', () => {
  it('turns an error thrown outside any await into one line and exit 1', async () => {
    await expect(crashWith(report)).rejects.toMatchObject({
      code: 1,
      stderr: 'launch-gate stopped on an unexpected error: socket hang up\n'
    })
  })

  it('says its last words (e.g. completes the check run) before exiting 1', async () => {
    const lastWords = `async line => {
      await new Promise(resolve => setTimeout(resolve, 10))
      process.stdout.write('completed: ' + line)
    }`
    await expect(crashWith(`${report}, ${lastWords}`)).rejects.toMatchObject({
      code: 1,
      stdout:
        'completed: launch-gate stopped on an unexpected error: socket hang up'
    })
  })
})
