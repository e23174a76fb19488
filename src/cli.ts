#!/usr/bin/env node
import { main } from './cli/main.ts'

/* istanbul ignore next */
process.exitCode = await main(process.argv.slice(2))
