import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import { mergeShardReports, type ShardReport } from '../engine/shards.ts'
import { renderConsole } from '../report/console.ts'
import { writeJsonReport } from '../report/json.ts'
import { writeJunit } from '../report/junit.ts'
import { errorMessage } from '../util/errors.ts'
import { parseOptions } from './args.ts'
import { EXIT, writable } from './check.ts'
import { useColor, type CliIo } from './io.ts'

/** A shard report is a JSON report of a few checks: never this large. */
const MAX_SHARD_REPORT_BYTES = 64 * 1024 * 1024

/** `launch-gate merge FILES…`: one verdict from the shard reports. */
export async function merge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals: files } = parseOptions(
    args,
    {
      json: { type: 'string' },
      junit: { type: 'string' },
      'fail-on': { type: 'string', default: 'error' },
      'no-color': { type: 'boolean', default: false }
    },
    true
  )
  const failOn = values['fail-on']
  if (failOn !== 'error' && failOn !== 'never') {
    throw new UsageError(
      `invalid --fail-on '${failOn}': expected error or never`
    )
  }
  if (files.length === 0) {
    throw new UsageError(
      'merge needs the shard reports: launch-gate merge shard-*.json'
    )
  }
  const json = await writable(io, '--json', values.json)
  const junit = await writable(io, '--junit', values.junit)
  const report = mergeShardReports(await readShardReports(files, io.cwd))
  io.stdout(
    renderConsole(report, {
      color: useColor(io, values['no-color']),
      width: io.columns
    })
  )
  if (json) await writeJsonReport(report, json)
  if (junit) await writeJunit(report, junit)
  if (report.result === 'pass' || failOn === 'never') return EXIT.pass
  return EXIT.fail
}

/** Reads and parses each shard report; one that cannot be read is a usage error naming it. */
export async function readShardReports(
  files: readonly string[],
  cwd: string
): Promise<{ file: string; report: ShardReport }[]> {
  return Promise.all(
    files.map(async file => {
      let text: string
      try {
        text = await readFile(resolve(cwd, file), 'utf8')
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`)
      }
      if (text.length > MAX_SHARD_REPORT_BYTES) {
        throw new UsageError(`${file} is too large for a shard report`)
      }
      try {
        return { file, report: JSON.parse(text) as ShardReport }
      } catch {
        throw new UsageError(`${file} is not JSON`)
      }
    })
  )
}
