import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import {
  DEFAULT_BASELINE_PATH,
  parseBaseline,
  renderBaseline,
  type BaselineEntry
} from '../checks/secrets/baseline.ts'
import { ruleCatalog } from '../checks/secrets/rules.ts'
import { runGate } from '../engine/gate.ts'
import { UsageError } from '../errors.ts'
import { loadPolicyFile } from '../policy/load.ts'

/** What the secrets subcommands need from the CLI. */
export interface SecretsIo {
  stdout(text: string): void
  stderr(text: string): void
  env: Readonly<Record<string, string | undefined>>
  cwd: string
}

/** `launch-gate secrets rules`: every rule id, what it finds, and its shape. */
export function listRules(io: SecretsIo): void {
  const rules = ruleCatalog()
  const width = Math.max(...rules.map(r => r.id.length)) + 2
  for (const rule of rules) {
    io.stdout(`${rule.id.padEnd(width)}${rule.description}\n`)
    io.stdout(`${' '.repeat(width)}e.g. ${rule.example}\n`)
  }
  io.stdout(
    `\n${rules.length} rules. Token rules reject placeholders (xxxx, 0000, 1234, …EXAMPLE) and vendors' documented sample keys.\n`
  )
}

/**
 * `launch-gate secrets baseline`: scans every tracked file (the baseline
 * itself ignored) and writes each finding's fingerprint to the policy's
 * `secrets.baseline` file, keeping the reasons already written there.
 */
export async function writeBaselineFile(
  policyPath: string,
  io: SecretsIo
): Promise<number> {
  const loaded = await loadPolicyFile(policyPath, io.env, io.cwd)
  const section = loaded.policy.secrets
  if (!section) {
    throw new UsageError(
      `${policyPath} has no secrets section: add one (secrets: { baseline: ${DEFAULT_BASELINE_PATH} }) first`
    )
  }
  const path = section.baseline ?? DEFAULT_BASELINE_PATH
  const report = await runGate(
    {
      ...loaded,
      policy: {
        ...loaded.policy,
        secrets: {
          ...section,
          scope: 'repo',
          bundle: false,
          baseline: undefined
        }
      }
    },
    { only: ['secrets'], env: io.env, cwd: io.cwd, log: () => {} }
  )
  const failed = report.checks.find(
    c => c.status === 'error' || c.status === 'skip'
  )
  if (report.checks.length === 0 || failed) {
    io.stderr(
      `launch-gate: the secrets scan did not run: ${failed?.summary ?? report.error ?? 'no result'}\n`
    )
    return 1
  }
  const file = resolve(io.cwd, path)
  let previous: BaselineEntry[] = []
  try {
    previous = parseBaseline(await readFile(file, 'utf8'), path)
  } catch {
    // No baseline yet (or an unreadable one): start afresh.
  }
  const findings = report.checks.flatMap(c =>
    c.findings.filter(f => f.fingerprint)
  )
  await mkdir(dirname(file), { recursive: true })
  await writeFile(
    file,
    renderBaseline(findings, previous, new Date().toISOString().slice(0, 10))
  )
  for (const f of findings) {
    io.stdout(`  ${f.rule} ${f.file}:${f.line} ${f.redacted}\n`)
  }
  io.stdout(
    `Wrote ${findings.length} ${findings.length === 1 ? 'entry' : 'entries'} to ${path}: give each a reason (and an expires date if it should come back)${section.baseline ? '' : `, then set secrets.baseline: ${path} in ${policyPath}`}\n`
  )
  return 0
}
