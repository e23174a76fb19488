#!/usr/bin/env node
import { main } from './cli/main.ts'
import { installCrashGuard } from './util/crash-guard.ts'

/* istanbul ignore next */
installCrashGuard(line => process.stderr.write(`${line}\n`))
process.exitCode = await main(process.argv.slice(2))
