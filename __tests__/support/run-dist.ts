// Runs the bundled action the way GitHub's runner does: INPUT_* variables,
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and an event payload file.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const DIST_ACTION = fileURLToPath(
  new URL('../../dist/index.js', import.meta.url)
)
export const DIST_CLI = fileURLToPath(
  new URL('../../dist/cli/index.js', import.meta.url)
)

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  stepSummary: string
  /** The runner's temp folder: report files land in the workspace. */
  workspace: string
}

export interface ActionRunOptions {
  /** Action inputs by name, as in a workflow's `with:`. */
  inputs: Record<string, string>
  workspace: string
  eventName?: string
  event?: unknown
  env?: Record<string, string>
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const runner = await mkdtemp(join(tmpdir(), 'lg-runner-'))
  const outputFile = join(runner, 'output')
  const summaryFile = join(runner, 'summary')
  const eventFile = join(runner, 'event.json')
  await Promise.all([
    writeFile(outputFile, ''),
    writeFile(summaryFile, ''),
    writeFile(eventFile, JSON.stringify(options.event ?? {}))
  ])
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runner,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_RUN_ID: '42',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: runner,
    ...options.env
  }
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const child = spawn(process.execPath, [DIST_ACTION], {
    cwd: options.workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const code = await new Promise<number>(resolve =>
    child.on('close', c => resolve(c ?? -1))
  )
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    stepSummary: await readFile(summaryFile, 'utf8'),
    workspace: options.workspace
  }
}

/** Reads the `name<<delimiter ... delimiter` records @actions/core writes. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}
