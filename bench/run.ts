// `npm run bench`: runs every bench/*.bench.ts in turn on this Node (24),
// each printing its own figures. Benchmarks only touch 127.0.0.1.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const benches = readdirSync(dir)
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => only.length === 0 || only.some(name => f.startsWith(name)))
  .sort()

let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file} ===`)
  const run = spawnSync(process.execPath, [file], {
    cwd: dir,
    stdio: 'inherit'
  })
  if (run.status !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
