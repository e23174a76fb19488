// Runs the action the way GitHub's runner does: INPUT_* variables,
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files and an event payload file. From
// src/ by default (Node 24 strips the types), so tests test what was edited;
// dist.test.ts alone runs the committed bundle.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SRC_ACTION = fileURLToPath(
  new URL('../../src/index.ts', import.meta.url)
)
export const DIST_ACTION = fileURLToPath(
  new URL('../../dist/index.js', import.meta.url)
)
export const DIST_CLI = fileURLToPath(
  new URL('../../dist/cli/index.js', import.meta.url)
)

export interface ActionRun {
  code: number | null
  /** Set when the process ended on a signal it did not handle. */
  signal: NodeJS.Signals | null
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
  /** The script to run: src/index.ts unless a test is about the bundle. */
  entry?: string
}

export interface StartedAction {
  child: ChildProcess
  /** Resolves when the process has exited. */
  done: Promise<ActionRun>
}

/** Starts the action and returns at once: for tests that signal it mid-run. */
export async function startAction(
  options: ActionRunOptions
): Promise<StartedAction> {
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
  const child = spawn(process.execPath, [options.entry ?? SRC_ACTION], {
    cwd: options.workspace,
    env
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', chunk => (stdout += chunk))
  child.stderr.on('data', chunk => (stderr += chunk))
  const done = new Promise<[number | null, NodeJS.Signals | null]>(resolve =>
    child.on('close', (code, signal) => resolve([code, signal]))
  ).then(async ([code, signal]) => ({
    code,
    signal,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    stepSummary: await readFile(summaryFile, 'utf8').catch(() => ''),
    workspace: options.workspace
  }))
  return { child, done }
}

/** Runs the action to its end. */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  return (await startAction(options)).done
}

/** Reads the `name<<delimiter ... delimiter` records @actions/core writes. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(pattern)) outputs[match[1]] = match[3]
  return outputs
}
