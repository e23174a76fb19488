// The CLI's entry (bin/launch-gate.js) on a Node that is too old, and on a
// bundle that cannot load: one line each, never a stack or bundled source.
import { execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runProcess } from '../support/process.ts'

const ENTRY = fileURLToPath(
  new URL('../../bin/launch-gate.js', import.meta.url)
)

const run = (node: string, args: string[]) =>
  runProcess(node, args, { timeout: 20_000 })

/** A Node older than 22 on this machine (the system one, often), if any. */
function olderNode(): string | undefined {
  for (const candidate of [
    '/usr/bin/node',
    '/usr/local/bin/node',
    '/bin/node'
  ]) {
    try {
      const version = execFileSync(candidate, ['--version'], {
        encoding: 'utf8'
      })
      if (Number(/^v(\d+)/.exec(version)?.[1]) < 22) return candidate
    } catch {
      // not installed there
    }
  }
  return undefined
}

/** Makes this Node report another version before the entry runs. */
const pretend = (version: string) =>
  `data:text/javascript,Object.defineProperty(process,"version",{value:"v${version}"});Object.defineProperty(process,"versions",{value:{...process.versions,node:"${version}"}})`

describe('the wrong-Node guard', () => {
  it('says which Node it needs in one line and exits 2', async () => {
    const result = await run(process.execPath, [
      '--import',
      pretend('20.11.1'),
      ENTRY,
      '--version'
    ])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'launch-gate needs Node >= 22; this is v20.11.1\n'
    })
  })

  it.skipIf(olderNode() === undefined)(
    'does so on a real older Node too',
    async () => {
      const node = olderNode() as string
      const version = execFileSync(node, ['--version'], {
        encoding: 'utf8'
      }).trim()
      const result = await run(node, [ENTRY, 'check'])
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `launch-gate needs Node >= 22; this is ${version}\n`
      })
    }
  )

  it('lets Node 22 through to the bundle', async () => {
    const result = await run(process.execPath, [
      '--import',
      pretend('22.0.0'),
      ENTRY,
      '--bogus'
    ])
    expect(result.stderr).not.toContain('needs Node')
  })

  it('prints one line, not the bundle, when the bundle cannot load', async () => {
    const root = await mkdtemp(join(tmpdir(), 'lg-guard-'))
    await mkdir(join(root, 'bin'))
    await mkdir(join(root, 'dist/cli'), { recursive: true })
    await copyFile(ENTRY, join(root, 'bin/launch-gate.js'))
    await writeFile(join(root, 'package.json'), '{"type":"module"}')
    // One minified line with syntax this Node cannot parse.
    await writeFile(
      join(root, 'dist/cli/index.js'),
      `var a=${'"x"+'.repeat(20_000)}"x";a ?= 1;\n`
    )
    const result = await run(process.execPath, [
      join(root, 'bin/launch-gate.js'),
      '--version'
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^launch-gate could not start: .+\n$/)
    expect(result.stderr.length).toBeLessThan(400)
  })
})
