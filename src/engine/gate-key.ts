/**
 * The gate key (§7.0): which gate a comment, nightly issue or history record
 * belongs to. The environment and the target are recorded, never keyed on,
 * so a preview URL that changes per PR still finds the same gate.
 */
export interface GateKeyParts {
  /** `GITHUB_WORKFLOW_REF`, e.g. `octo/app/.github/workflows/gate.yml@refs/heads/main`. */
  workflowRef?: string
  /** `GITHUB_JOB`, the job id. */
  job?: string
  /** The policy path as given (input `policy` / `--policy`). */
  policyPath: string
  /** `history.key`, when set. */
  extra?: string
}

/** `<workflow file>/<job>/<policy path>[/<history.key>]`, the `@ref` dropped. */
export function gateKey(parts: GateKeyParts): string {
  const workflow = (parts.workflowRef ?? 'local').replace(/@.*$/, '')
  return [workflow, parts.job ?? 'job', parts.policyPath, parts.extra]
    .filter(part => part !== undefined && part !== '')
    .join('/')
}
