// `npm run demo`: starts the demo site on 127.0.0.1, runs the bundled CLI
// against it with examples/launch-policy.yml, prints the table, stops the site.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startDemoSite } from '../examples/demo-site/server.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const site = await startDemoSite()
console.log(`Demo site running on ${site.url}\n`)
const cli = spawn(
  process.execPath,
  ['dist/cli/index.js', 'check', '--policy', 'examples/launch-policy.yml', '--url', site.url, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' }
)
const code = await new Promise<number>(resolve => cli.on('close', c => resolve(c ?? 1)))
await site.close()
process.exit(code)
