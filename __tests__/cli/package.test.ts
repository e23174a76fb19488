// The package as users get it: `npm pack`, installed from the tarball into an
// empty folder with no registry, then run with npx (§7.7, issue 16).
//
// The tarball carries dist/, which the repository rebuilds only at release
// time; so this test packs a copy of the package whose dist/cli is built now
// from src/. It bundles with rolldown (already installed with vitest: about
// a second of CPU) rather than ncc (tens of seconds); the ncc bundle itself
// is checked by check-dist and __tests__/e2e/dist.test.ts.
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFitSite } from '../support/fit-site.ts'
import { makeRepo, removeRepos } from '../support/git-repo.ts'
import type { TestServer } from '../support/http-server.ts'
import { runProcess } from '../support/process.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

let work: string
let app: string
let site: TestServer
let tarball: string
let manifest: { name: string; version: string; files: string[] }

/** Node 24 first on PATH, as for a user who has it: the bin's shebang finds it. */
const env = () => ({
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  NO_COLOR: '1'
})

const run = (command: string, args: string[], cwd: string) =>
  runProcess(command, args, { cwd, env: env() })

/** `npx launch-gate …` in the app folder, offline. */
const launchGate = (...args: string[]) =>
  run('npx', ['--offline', '--no-install', 'launch-gate', ...args], app)

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lg-pack-'))
  manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'))
  const pkg = join(work, 'pkg')
  await mkdir(pkg)
  for (const entry of [
    'package.json',
    'README.md',
    'LICENSE',
    ...manifest.files.filter(file => !file.startsWith('dist'))
  ]) {
    await cp(join(ROOT, entry), join(pkg, entry), { recursive: true })
  }
  const { build } = await import('rolldown')
  await build({
    input: join(ROOT, 'src/cli.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: {
      dir: join(pkg, 'dist/cli'),
      format: 'esm',
      entryFileNames: 'index.js'
    }
  })

  const packed = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    pkg
  )
  expect(packed.stderr).toBe('')
  expect(packed.code).toBe(0)
  const [info] = JSON.parse(packed.stdout)
  tarball = join(work, info.filename)

  // A user's repository: a package.json, a commit, no registry.
  const repo = await makeRepo()
  await repo.write('package.json', '{ "name": "app", "private": true }\n')
  await repo.commit('first')
  app = repo.dir
  const installed = await run(
    'npm',
    ['install', '--offline', '--ignore-scripts', tarball],
    app
  )
  expect(installed.stderr).not.toMatch(/ERR/)
  expect(installed.code).toBe(0)

  site = await startFitSite()
}, 240_000)

afterAll(async () => {
  await site?.close()
  await removeRepos()
})

describe('the packed package', () => {
  it('ships the entry, the bundles and the schema, not the sources', async () => {
    const listed = await run('tar', ['-tzf', tarball], work)
    const files = listed.stdout.split('\n').filter(Boolean)
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/bin/launch-gate.js',
        'package/dist/cli/index.js',
        'package/schema/launch-policy.schema.json',
        'package/action.yml',
        'package/README.md',
        'package/LICENSE'
      ])
    )
    expect(
      files.filter(f => /^package\/(src|__tests__|bench)\//.test(f))
    ).toEqual([])
    const shipped = JSON.parse(
      await readFile(join(app, 'node_modules/launch-gate/package.json'), 'utf8')
    )
    // The bundles carry every library: nothing to fetch at install.
    expect(shipped.dependencies).toBeUndefined()
    expect(shipped.private).toBeUndefined()
    expect(shipped.engines).toEqual({ node: '>=22' })
  })

  it('runs with npx: --version, init, validate and check', async () => {
    const version = await launchGate('--version')
    expect(version).toEqual({
      code: 0,
      stdout: `launch-gate ${manifest.version}\n`,
      stderr: ''
    })

    const init = await launchGate('init', '--url', site.url)
    expect(init.stderr).toBe('')
    expect(init.code).toBe(0)
    const validate = await launchGate('validate')
    expect(validate).toMatchObject({
      code: 0,
      stdout: '.github/launch-policy.yml is valid\n'
    })
    const check = await launchGate('check', '--checks', 'smoke,headers,cache')
    expect(check.stdout).toMatch(/pass\s+smoke\s+homepage/)
    expect(check.stdout).toContain('PASS')
    expect(check.code).toBe(0)
  })
})
