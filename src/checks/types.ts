import type { HttpClient } from '../net/http.ts'
import type { Shard, ShardMeasurement } from './latency/shard.ts'
import type { PolicyFileReader } from '../policy/files.ts'
import type { Policy, PolicyPath } from '../policy/schema.ts'

/** The check kinds of the contract (spec §5), in report order. */
export const CHECK_KINDS = [
  'smoke',
  'redirects',
  'tls',
  'headers',
  'cache',
  'latency',
  'secrets',
  'dns',
  'email',
  'rate_limits',
  'journeys',
  'exposure',
  'dependencies',
  'pages',
  'lighthouse'
] as const

export type CheckKind = (typeof CHECK_KINDS)[number]

/** `warn` is a failure whose level is warn; `error` means the check could not run. */
export type Status = 'pass' | 'fail' | 'warn' | 'error' | 'skip'

export type Level = 'error' | 'warn'

export type Metrics = Record<string, number | string | boolean>

/** One thing a check saw. Never holds a raw secret: only its redacted form. */
export interface Finding {
  message: string
  rule?: string
  /** A repository path, or the URL of a served resource. */
  file?: string
  line?: number
  column?: number
  redacted?: string
  fingerprint?: string
  /** Advice (a cookie without SameSite, DMARC without rua): never fails the check. */
  severity?: 'warning'
  /** A regression budget breached against the baseline of earlier runs (§7.2). */
  regression?: Regression
}

/** A metric worse than its baseline by more than its `regression` budget. */
export interface Regression {
  metric: string
  value: number
  baseline: number
  /** Relative change against the baseline (0.32 = +32 %); null on a zero baseline. */
  change: number | null
  /** The budget as the policy writes it: `20%`, `50ms`. */
  budget: string
  /** Comparable runs the baseline is the median of. */
  runs: number
}

/** What a unit reports; the engine turns it into a status. */
export interface UnitOutcome {
  ok: boolean
  summary: string
  metrics?: Metrics
  findings?: Finding[]
  /** What the reader should know that is no finding (a file skipped, a cap reached). */
  notes?: string[]
  /** What a shard's latency check carries for the merge (§7.6). */
  shard?: ShardMeasurement
  /** Raw secret values found: masked in logs by the adapter, never reported. */
  secretValues?: string[]
}

/** Where in the policy file a check was declared, for annotations. */
export interface SourcePosition {
  file: string
  line: number
  column: number
}

/** Services a unit may use. Checks get I/O only through this. */
export interface CheckContext {
  /** Base URL that relative paths resolve against. */
  readonly target: URL | undefined
  /** Aborted when the unit's time is up or the run is cancelled. */
  readonly signal: AbortSignal
  readonly http: HttpClient
  /** Environment visible to checks (for `known_values`), read by the adapter. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Extra trusted CA certificates (PEM) for TLS probes, as given to `http`. */
  readonly ca?: readonly string[]
  /** Working directory of the repository under test. */
  readonly cwd: string
  /** The commit the run is about (`{{sha}}`): PR head, deployed or pushed sha. */
  readonly sha?: string
  /** Commit range of the change, from the event. */
  readonly diffRange: DiffRange | undefined
  /** The change as the GitHub API describes it, for when local git cannot. */
  readonly changesFromApi?: ChangeProvider
  /** This runner's part of a sharded load (`shard: i/N`). */
  readonly shard?: Shard
  /**
   * Reads a file the policy names (baseline, budgets) from where the policy
   * was read: the base commit under `policy-ref: base`, else the workspace.
   */
  readonly readPolicyFile: PolicyFileReader
  /** A short live status line (latency progress); may be a no-op. */
  progress(line: string): void
}

export interface DiffRange {
  base: string
  head: string
}

/** One reported row: a smoke item, a tls host, a latency budget... */
export interface Unit {
  readonly name: string
  readonly level: Level
  /** Path of the policy node that declared it. */
  readonly policyPath: PolicyPath
  /** Runs alone, with nothing else in flight (load tests). */
  readonly exclusive?: boolean
  /** Runs after every other unit: it reads what they fetched (`secrets.responses`). */
  readonly last?: boolean
  /** Reported as `skip` with this reason, never run (e.g. `scope: off`). */
  readonly skip?: string
  /** Throwing means the check could not run: the engine reports `error`. */
  run(ctx: CheckContext): Promise<UnitOutcome>
}

/** A check kind: turns its policy section into units. */
export interface Check<K extends CheckKind = CheckKind> {
  readonly kind: K
  /**
   * `target` is the resolved target (url input over policy), for naming;
   * `cwd` the workspace, for kinds whose checks are its files (lockfiles).
   */
  units(
    section: NonNullable<Policy[K]>,
    policy: Policy,
    target?: URL,
    cwd?: string
  ): Unit[]
  /** Time its units need beyond the run's base deadline (load tests). */
  extraTimeMs?(section: NonNullable<Policy[K]>, policy: Policy): number
  /** What the section may do at most, without doing it (`check --dry-run`). */
  plan?(section: NonNullable<Policy[K]>, policy: Policy): CheckPlan
}

/**
 * A check kind's worst case: every request it may send (HTTP requests, TLS
 * handshakes, DNS queries; retries included) and the longest it may take.
 */
export interface CheckPlan {
  /** Most requests, retries included. */
  maxRequests: number
  /** Longest time, if every request took its whole timeout one after another. */
  maxMs: number
  /** How the figures were counted, e.g. `3 paths × 2 attempts`. */
  basis: string
}

/** One file of a change: its added lines, numbered as in the new file. */
export interface ChangedFile {
  path: string
  /** The path before a rename. */
  oldPath?: string
  status: 'added' | 'modified' | 'renamed' | 'deleted' | 'binary'
  /** Added lines, in order, with their line numbers in the new file. */
  added: { line: number; text: string }[]
  /** Text of removed lines: a secret seen here was already in the base. */
  removed: string[]
  utf8: boolean
  truncated: boolean
}

/**
 * Where a change's added lines come from. Local git is the first provider;
 * another (the GitHub API, when git cannot fetch the base) can implement the
 * same two calls and feed the same scan.
 */
export interface ChangeProvider {
  /** A label for the range, e.g. `abc1234..def5678`. */
  readonly range: string
  /** Files the change touched, with their added and removed lines. */
  changedFiles(): Promise<ChangedFile[]>
  /** A file's text before the change, to tell new secrets from old ones. */
  baseText(path: string): Promise<string | undefined>
}
