// The CLI's conventions (issue 16, §7.7): version, help, validate, dry run,
// JUnit, JSON on stdout, color, --url over an unset target variable.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Parser } from 'htmlparser2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHECK_KINDS } from '../../src/checks/types.ts'
import { COMMANDS } from '../../src/cli/help.ts'
import { runCli } from '../support/cli.ts'
import { startServer, type TestServer } from '../support/http-server.ts'

let site: TestServer
let dir: string

const files = {
  'good.yml': 'version: 1\nsmoke:\n  - path: /\n    contains: Sign up\n',
  'mixed.yml':
    'version: 1\nsmoke:\n  - name: home\n    path: /\n  - name: "api <&>"\n    path: /api\n    level: error\n  - name: soft\n    path: /api\n    level: warn\nheaders:\n  require: [x-frame-options]\n  level: warn\nsecrets:\n  scope: off\n',
  'vars.yml':
    'version: 1\ntarget: ${SITE_URL}\ndefaults:\n  headers:\n    x-token: ${TOKEN}\nsmoke:\n  - path: /\n    timeout: 5s\n',
  'target-var.yml': 'version: 1\ntarget: ${SITE_URL}\nsmoke:\n  - path: /\n',
  'empty.yml': 'version: 1\ntarget: https://example.com\n',
  'plan.yml':
    'version: 1\ndefaults:\n  retries: 1\n  timeout: 2s\nsmoke:\n  - path: /\n  - path: /a\nlatency:\n  - paths: [/]\n    rate: 10\n    requests: 50\n    duration: 10s\n'
}

beforeAll(async () => {
  site = await startServer((req, res) => {
    if (req.url === '/') return res.end('<h1>Sign up</h1>')
    res.writeHead(500)
    res.end()
  })
  dir = await mkdtemp(join(tmpdir(), 'lg-cmd-'))
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(dir, name), text)
  }
})
afterAll(() => site.close())

const cli = (argv: string[], env: Record<string, string> = {}) =>
  runCli(argv, { cwd: dir, env })

describe('version and help', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8')
    )
    for (const flag of ['--version', '-v', 'version']) {
      const run = await cli([flag])
      expect(run).toMatchObject({ code: 0, stdout: `launch-gate ${version}\n` })
    }
  })

  it('lists every command, and every option of a command, with the check kinds', async () => {
    const overview = await cli(['--help'])
    expect(overview.code).toBe(0)
    for (const command of Object.keys(COMMANDS)) {
      expect(overview.stdout).toContain(`  ${command} `)
    }
    expect(overview.stdout).toContain(CHECK_KINDS.join(', '))
    for (const [command, help] of Object.entries(COMMANDS)) {
      const asked = await cli(['help', command])
      expect(asked.code, command).toBe(0)
      for (const [flag] of help.options) expect(asked.stdout).toContain(flag)
      if (command === 'help') continue
      const flagged = await cli([command, '--help', '--bogus'])
      expect(flagged, command).toEqual(asked)
    }
    expect((await cli(['help', 'check'])).stdout).toContain(
      CHECK_KINDS.join(', ')
    )
  })

  it('says what went wrong and where to look, exit 2', async () => {
    const unknown = await cli(['deploy'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toBe(
      "launch-gate: unknown command 'deploy': expected check, validate, init, secrets, history, merge or help\nRun 'launch-gate help' for the options.\n"
    )
    const flag = await cli(['validate', '--policy', 'good.yml', '--bogus'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/^launch-gate: Unknown option '--bogus'/)
    expect(flag.stderr).toContain("Run 'launch-gate help validate'")
  })
})

describe('launch-gate validate', () => {
  it('passes a good policy without sending a request', async () => {
    const before = site.requests.length
    const run = await cli(['validate', '--policy', 'good.yml'])
    expect(run).toMatchObject({ code: 0, stdout: 'good.yml is valid\n' })
    expect(site.requests.length).toBe(before)
  })

  it('warns about unset variables, and fails on them with --strict', async () => {
    const loose = await cli(['validate', '--policy', 'vars.yml'])
    expect(loose.code).toBe(2)
    // The unset variables are warnings; the misplaced timeout is still found.
    expect(loose.stderr).toContain(
      'vars.yml:2:9: warning: environment variable SITE_URL is not set'
    )
    expect(loose.stderr).toContain(
      'vars.yml:5:14: warning: environment variable TOKEN is not set'
    )
    expect(loose.stderr).toContain("vars.yml:8:5: unknown key 'timeout'")
    expect(loose.stderr).toContain('vars.yml is invalid (1 error)')

    const ok = await cli(['validate', '--policy', 'target-var.yml'])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe(
      'target-var.yml is valid (1 warning; --strict makes them errors)\n'
    )
    const strict = await cli([
      'validate',
      '--policy',
      'target-var.yml',
      '--strict'
    ])
    expect(strict.code).toBe(2)
    expect(strict.stderr).toContain(
      'target-var.yml:2:9: environment variable SITE_URL is not set'
    )
    const set = await cli(
      ['validate', '--policy', 'target-var.yml', '--strict'],
      {
        SITE_URL: site.url
      }
    )
    expect(set.code).toBe(0)
  })

  it('refuses a policy without checks, and a missing file', async () => {
    const empty = await cli(['validate', '--policy', 'empty.yml'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toContain('empty.yml:1:1: the policy has no checks')
    const missing = await cli(['validate', '--policy', 'nope.yml'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('nope.yml:1:1: cannot read policy')
    const run = await cli(['check', '--policy', 'empty.yml'])
    expect(run.code).toBe(2)
  })
})

describe('launch-gate check', () => {
  it('--dry-run prints each kind’s plan and sends nothing', async () => {
    const before = site.requests.length
    const run = await cli([
      'check',
      '--policy',
      'plan.yml',
      '--url',
      site.url,
      '--dry-run'
    ])
    expect(run.code).toBe(0)
    expect(site.requests.length).toBe(before)
    expect(run.stdout).toContain('nothing was sent')
    // 2 items × 2 attempts, each up to the 2s timeout.
    expect(run.stdout).toMatch(/smoke\s+2\s+4\s+8s\s+2 items × 2 attempts/)
    expect(run.stdout).toMatch(/latency\s+1\s+\d+\s+\S+\s+1 load runs/)
    const json = await cli([
      'check',
      '--policy',
      'plan.yml',
      '--url',
      site.url,
      '--dry-run',
      '--json',
      '-'
    ])
    const plan = JSON.parse(json.stdout)
    expect(plan.kinds[0]).toEqual({
      kind: 'smoke',
      checks: 2,
      maxRequests: 4,
      maxMs: 8000,
      basis: '2 items × 2 attempts'
    })
    expect(plan.kinds[1].maxRequests).toBeGreaterThanOrEqual(50)
    expect(plan.maxRequests).toBe(4 + plan.kinds[1].maxRequests)
  })

  it('--json - writes the report to stdout and the table to stderr', async () => {
    const run = await cli([
      'check',
      '--policy',
      'good.yml',
      '--url',
      site.url,
      '--json',
      '-'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ version: 1, result: 'pass' })
    expect(run.stderr).toContain('PASS 1 of 1 checks passed')
  })

  it('--url satisfies a target variable that is unset, nothing else', async () => {
    const run = await cli([
      'check',
      '--policy',
      'target-var.yml',
      '--url',
      site.url
    ])
    expect(run.code).toBe(0)
    const without = await cli(['check', '--policy', 'target-var.yml'])
    expect(without.code).toBe(2)
    expect(without.stderr).toContain('SITE_URL is not set')
    const other = await cli([
      'check',
      '--policy',
      'vars.yml',
      '--url',
      site.url
    ])
    expect(other.code).toBe(2)
    expect(other.stderr).toContain('TOKEN is not set')
  })

  it('refuses a report path it cannot write before any check runs', async () => {
    const before = site.requests.length
    const run = await cli([
      'check',
      '--policy',
      'good.yml',
      '--url',
      site.url,
      '--junit',
      '.'
    ])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(`invalid --junit '${dir}': it is a folder`)
    expect(site.requests.length).toBe(before)
  })

  it('--junit writes one testcase per check, grouped by kind', async () => {
    const run = await cli([
      'check',
      '--policy',
      'mixed.yml',
      '--url',
      site.url,
      '--junit',
      'out/junit.xml'
    ])
    expect(run.code).toBe(1)
    const xml = await readFile(join(dir, 'out/junit.xml'), 'utf8')
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(
      true
    )
    const tree = parseXml(xml)
    expect(tree.name).toBe('testsuites')
    expect(tree.attrs).toMatchObject({
      tests: '5',
      failures: '1',
      errors: '0',
      skipped: '1'
    })
    expect(
      tree.children.map(s => [s.name, s.attrs.name, s.attrs.tests])
    ).toEqual([
      ['testsuite', 'smoke', '3'],
      ['testsuite', 'headers', '1'],
      ['testsuite', 'secrets', '1']
    ])
    const [home, api, soft] = tree.children[0].children
    expect(home).toMatchObject({
      name: 'testcase',
      attrs: { classname: 'launch-gate.smoke', name: 'home' },
      children: []
    })
    expect(api.attrs.name).toBe('api <&>')
    expect(api.children[0]).toMatchObject({
      name: 'failure',
      attrs: { message: 'status 500, expected 200', type: 'fail' }
    })
    // A warning passes (it does not fail the gate) and says why.
    expect(soft.children.map(c => c.name)).toEqual(['system-out'])
    expect(soft.children[0].text).toContain('warn: status 500')
    expect(tree.children[2].children[0].children[0].name).toBe('skipped')
  })

  it('colors only a terminal, never with NO_COLOR, always with FORCE_COLOR', async () => {
    const args = ['check', '--policy', 'good.yml', '--url', site.url]
    const escape = '\x1b['
    expect((await cli(args)).stdout).not.toContain(escape)
    expect((await cli(args, { FORCE_COLOR: '1' })).stdout).toContain(escape)
    expect((await cli(args, { FORCE_COLOR: '0' })).stdout).not.toContain(escape)
    expect(
      (await cli(args, { FORCE_COLOR: '1', NO_COLOR: '1' })).stdout
    ).not.toContain(escape)
    expect(
      (await cli([...args, '--no-color'], { FORCE_COLOR: '1' })).stdout
    ).not.toContain(escape)
  })
})

interface XmlNode {
  name: string
  attrs: Record<string, string>
  children: XmlNode[]
  text: string
}

/** A strict-enough XML tree: elements, attributes (entities decoded), text. */
function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' }
  const stack = [root]
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const node = { name, attrs, children: [], text: '' }
        stack.at(-1)!.children.push(node)
        stack.push(node)
      },
      ontext(text) {
        stack.at(-1)!.text += text
      },
      onclosetag() {
        stack.pop()
      }
    },
    { xmlMode: true, decodeEntities: true }
  )
  parser.write(xml)
  parser.end()
  expect(stack).toHaveLength(1)
  expect(root.children).toHaveLength(1)
  return root.children[0]
}
