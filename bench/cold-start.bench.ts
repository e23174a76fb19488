// Cold start of the bundled action: from spawning `node dist/index.js` to
// the first request reaching a local site, median of several runs; compared
// with bare `node -e 0`. Also prints the bundle sizes.
import { spawn } from 'node:child_process'
import { mkdtemp, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RUNS = 15
const root = fileURLToPath(new URL('..', import.meta.url))
const action = join(root, 'dist/index.js')

let firstRequest: (() => void) | undefined
// The target, and a stand-in for the GitHub API (check runs) on the same port.
const server = createServer((req, res) => {
  if (req.url?.startsWith('/repos/')) {
    res.writeHead(req.method === 'POST' ? 201 : 200, {
      'content-type': 'application/json'
    })
    return res.end('{"id":1}')
  }
  firstRequest?.()
  firstRequest = undefined
  res.end('ok')
})
await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const workspace = await mkdtemp(join(tmpdir(), 'lg-cold-'))
await writeFile(
  join(workspace, 'policy.yml'),
  'version: 1\nsmoke:\n  - path: /\n'
)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function timeToFirstRequest(github: boolean): Promise<number> {
  const started = performance.now()
  const reached = new Promise<number>(resolve => {
    firstRequest = () => resolve(performance.now() - started)
  })
  const child = spawn(process.execPath, [action], {
    cwd: workspace,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      INPUT_POLICY: 'policy.yml',
      INPUT_URL: url,
      GITHUB_WORKSPACE: workspace,
      // A token loads the GitHub client and files the check run first.
      ...(github
        ? {
            'INPUT_GITHUB-TOKEN': 'token',
            INPUT_COMMENT: 'false',
            GITHUB_REPOSITORY: 'acme/shop',
            GITHUB_SHA: 'a'.repeat(40),
            GITHUB_API_URL: url
          }
        : {})
    }
  })
  const ms = await reached
  await new Promise(resolve => child.on('close', resolve))
  return ms
}

async function bareNode(): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  await new Promise(resolve => child.on('close', resolve))
  return performance.now() - started
}

const gate: number[] = []
const withGitHub: number[] = []
const bare: number[] = []
for (let i = 0; i < RUNS; i++) {
  gate.push(await timeToFirstRequest(false))
  withGitHub.push(await timeToFirstRequest(true))
  bare.push(await bareNode())
}
server.close()

const kib = async (file: string) =>
  ((await stat(join(root, file))).size / 1024).toFixed(0)
console.log(`node ${process.version}, ${RUNS} runs each (median)`)
console.log(
  `action: spawn → first request   ${median(gate).toFixed(0)} ms (target < 200 ms)`
)
console.log(
  `  with a token (check run first) ${median(withGitHub).toFixed(0)} ms`
)
console.log(`bare node -e 0 (start to exit)  ${median(bare).toFixed(0)} ms`)
console.log(
  `bundle: dist/index.js ${await kib('dist/index.js')} KiB, dist/cli/index.js ${await kib('dist/cli/index.js')} KiB`
)
