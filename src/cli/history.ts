import { resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import type { HistoryOptions } from '../engine/gate.ts'
import { gateKey } from '../engine/gate-key.ts'
import { acceptRecord, appendRecord, type RunFacts } from '../engine/history.ts'
import { FileHistoryStore } from '../history/file-store.ts'
import type { LoadedPolicy } from '../policy/load.ts'
import { historySection } from '../policy/schema.ts'

type Env = Readonly<Record<string, string | undefined>>

/**
 * The CLI's history: `--history FILE`, else the policy's `history.path` when
 * it has a `history:` section; off otherwise. Local runs share one branch
 * name (`GITHUB_REF_NAME` in CI, else `local`), so they compare with each other.
 */
export function cliHistory(
  loaded: LoadedPolicy,
  options: { file?: string; env: Env; cwd: string; warn(line: string): void }
): HistoryOptions | undefined {
  const file = options.file ?? loaded.policy.history?.path
  if (file === undefined) return undefined
  const run = runFacts(loaded, options.env)
  return {
    store: new FileHistoryStore(resolve(options.cwd, file)),
    run,
    baseRef: run.ref,
    accept: false,
    write: true,
    warn: options.warn
  }
}

/** `launch-gate history accept`: the next run starts a new baseline. */
export async function acceptBaseline(
  loaded: LoadedPolicy,
  options: { file?: string; env: Env; cwd: string }
): Promise<string> {
  const file = options.file ?? loaded.policy.history?.path
  if (file === undefined) {
    throw new UsageError(
      `no history to accept: pass --history FILE or add a history: section to ${loaded.file}`
    )
  }
  const run = runFacts(loaded, options.env)
  const keep = (loaded.policy.history ?? historySection.parse({})).keep
  await new FileHistoryStore(resolve(options.cwd, file)).update(text =>
    appendRecord(text, acceptRecord(run, new Date()), keep)
  )
  return `New baseline: runs on ${run.ref} after this one are compared with each other only (${file})`
}

function runFacts(loaded: LoadedPolicy, env: Env): RunFacts {
  return {
    key: gateKey({
      workflowRef: env.GITHUB_WORKFLOW_REF,
      job: env.GITHUB_JOB,
      policyPath: loaded.file,
      extra: loaded.policy.history?.key
    }),
    ref: env.GITHUB_REF_NAME || 'local',
    sha: env.GITHUB_SHA,
    event: 'cli'
  }
}
