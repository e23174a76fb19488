#!/usr/bin/env node
import { main } from './cli/main.ts'
import { installCrashGuard } from './util/crash-guard.ts'

/* istanbul ignore next */
installCrashGuard(line => process.stderr.write(`${line}\n`))
// `launch-gate secrets rules | head`: a reader that stops early is no error.
process.stdout.on('error', error => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0)
  throw error
})
process.exitCode = await main(process.argv.slice(2))
