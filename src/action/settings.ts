import type { Shard } from '../checks/latency/shard.ts'
import type { CheckKind } from '../checks/types.ts'
import type { EventContext } from '../github/context.ts'

/** The action's inputs and environment, read and validated once. */
export interface ActionSettings {
  /** Policy path, relative to the workspace (`policy` input). */
  readonly policyPath: string
  /** Target base URL: `url` input, else the deployment's URL. */
  readonly url?: string
  readonly token: string
  /** Kinds to run (`checks` input); undefined means all. */
  readonly only?: readonly CheckKind[]
  /** `never` reports without failing the job. */
  readonly failOn: 'error' | 'never'
  readonly comment: boolean
  /** `open-issue`: keep one issue open while the gate fails (nightly runs). */
  readonly openIssue: boolean
  /** Where the JSON report goes, relative to the workspace. */
  readonly reportPath: string
  /** `junit-path`: JUnit XML for test reporters, when set. */
  readonly junitPath?: string
  /** `base`: read the policy from the pull request's base commit. */
  readonly policyRef?: 'base'
  readonly waitMs?: number
  /** GITHUB_WORKSPACE: the checked-out repository. */
  readonly workspace: string
  readonly event: EventContext
  /** GITHUB_API_URL: api.github.com or a GitHub Enterprise Server. */
  readonly apiUrl: string
  /** The gate key (§7.0): workflow file, job and policy path. */
  readonly gateKey: string
  /** The runner gave a job summary file (GITHUB_STEP_SUMMARY). */
  readonly stepSummary: boolean
  /** Link to this workflow run, for reports. */
  readonly runUrl?: string
  /** `history` input: overrides the policy's `history.store`, or turns it off. */
  readonly history?: 'branch' | 'file' | 'off'
  /** `history-accept`: this run starts a new baseline. */
  readonly historyAccept: boolean
  /** `alert-after`: failing runs in a row before the issue opens. */
  readonly alertAfter: number
  /** `shard` + `start-at`: this runner's part of a sharded load (§7.6). */
  readonly shard?: Shard & { startAt: Date }
  /** `merge`: glob of shard reports to merge instead of running checks. */
  readonly merge?: string
  /** Environment for `${VAR}` in the policy and `known_values`. */
  readonly env: Readonly<Record<string, string | undefined>>
}
