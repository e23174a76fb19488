import { constants } from 'node:fs'
import { access, mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { UsageError } from '../errors.ts'
import { errorMessage } from './errors.ts'

/**
 * Checks, before anything runs, that a report can be written to `file`
 * (its folder is created if missing): a run whose report cannot be saved
 * is an invalid invocation (exit 2), not a surprise after the checks.
 * `label` names the input or flag, e.g. `report-path` or `--json`.
 */
export async function assertWritableFile(
  file: string,
  label: string
): Promise<void> {
  const invalid = (why: string) =>
    new UsageError(`invalid ${label} '${file}': ${why}`)
  const existing = await stat(file).catch(() => undefined)
  if (existing?.isDirectory()) throw invalid('it is a folder')
  try {
    await mkdir(dirname(file), { recursive: true })
    await access(existing ? file : dirname(file), constants.W_OK)
  } catch (error) {
    throw invalid(`cannot write there (${errorMessage(error)})`)
  }
}
