import { DEFAULT_POLICY, parseOptions } from './args.ts'
import { EXIT } from './check.ts'
import type { CliIo } from './io.ts'
import { validatePolicy } from './policy-file.ts'

/**
 * `launch-gate validate`: the policy file alone, no request sent. Unset
 * `${VAR}`s are warnings (CI sets them later) unless `--strict`.
 */
export async function validate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    strict: { type: 'boolean', default: false }
  })
  const result = await validatePolicy(
    values.policy,
    io.env,
    io.cwd,
    values.strict
  )
  const where = (p: { line: number; column: number }) =>
    `${result.file}:${p.line}:${p.column}`
  for (const warning of result.warnings) {
    io.stderr(`${where(warning)}: warning: ${warning.message}\n`)
  }
  for (const error of result.errors) {
    io.stderr(`${where(error)}: ${error.message}\n`)
  }
  if (result.errors.length > 0) {
    io.stderr(
      `launch-gate: ${result.file} is invalid (${count(result.errors.length, 'error')})\n`
    )
    return EXIT.invalid
  }
  const warned =
    result.warnings.length > 0
      ? ` (${count(result.warnings.length, 'warning')}; --strict makes them errors)`
      : ''
  io.stdout(`${result.file} is valid${warned}\n`)
  return EXIT.pass
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`
}
