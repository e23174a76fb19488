import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from '../errors.ts'
import { errorMessage } from '../util/errors.ts'

type Options = NonNullable<ParseArgsConfig['options']>

/** Parses a command's options strictly: an unknown flag is a usage error. */
export function parseOptions<T extends Options>(
  args: string[],
  options: T,
  allowPositionals = false
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true })
  } catch (error) {
    throw new UsageError(errorMessage(error).replace(/\. To specify.*$/s, ''))
  }
}

export const DEFAULT_POLICY = '.github/launch-policy.yml'
