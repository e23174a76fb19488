// `npm run demo`: starts the demo environment on 127.0.0.1 (the site, its
// https twin, a DNS server for its domain), runs the bundled CLI against it
// with examples/launch-policy.yml, prints the table, stops everything.
// `npm run demo -- --broken` serves the site with launch mistakes instead;
// other arguments go to the CLI.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startDemoEnvironment } from '../examples/demo-site/server.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const broken = args.includes('--broken')

let environment
try {
  environment = await startDemoEnvironment({ broken })
} catch (error) {
  console.error(`The demo could not start: ${(error as Error).message}`)
  process.exit(1)
}
console.log(
  `Demo site on ${environment.site.url}, https twin on ${environment.httpsSite.url}, ` +
    `DNS on ${environment.dns.address}${broken ? ' (broken on purpose)' : ''}\n`
)
const cli = spawn(
  process.execPath,
  [
    'dist/cli/index.js',
    'check',
    '--policy',
    'examples/launch-policy.yml',
    ...args.filter(arg => arg !== '--broken')
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...environment.env }
  }
)
const code = await new Promise<number>(resolve =>
  cli.on('close', c => resolve(c ?? 1))
)
await environment.close()
process.exit(code)
