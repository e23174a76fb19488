import { UsageError } from '../errors.ts'
import { mergeShardReports, readShardReports } from '../engine/shards.ts'
import { renderConsole } from '../report/console.ts'
import { writeJsonReport } from '../report/json.ts'
import { writeJunit } from '../report/junit.ts'
import { parseOptions } from './args.ts'
import { EXIT, writable } from './check.ts'
import { useColor, type CliIo } from './io.ts'

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
