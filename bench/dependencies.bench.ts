// Dependency audit throughput: a 1,500-package package-lock.json against the
// fake advisory API on 127.0.0.1 (GitHub `/advisories` shape), parse + match.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dependenciesCheck } from '../src/checks/dependencies/index.ts'
import { parseLockfile } from '../src/checks/dependencies/lockfiles.ts'
import { policyFrom, testContext } from '../__tests__/support/context.ts'
import { startAdvisoryApi } from '../__tests__/support/fake-advisories.ts'

const PACKAGES = 1500
const ROUNDS = 5

const names = Array.from({ length: PACKAGES }, (_, i) => `pkg-${i}`)
const lock = JSON.stringify(
  {
    lockfileVersion: 3,
    packages: Object.fromEntries(
      names.map((name, i) => [
        `node_modules/${name}`,
        { version: `1.${i % 7}.0`, dev: i % 5 === 0 }
      ])
    )
  },
  null,
  2
)
// One advisory in 30 packages, half of them matching the locked version.
const table = names
  .filter((_, i) => i % 30 === 0)
  .map((pkg, i) => ({
    ghsa: `GHSA-${String(1000 + i).padStart(4, 'x')}-xxxx-xxxx`,
    severity: 'high' as const,
    summary: `advisory ${i}`,
    pkg,
    range: i % 2 === 0 ? '< 99.0.0' : '>= 50.0.0',
    npmRange: i % 2 === 0 ? '<99.0.0' : '>=50.0.0',
    fixed: '99.0.0'
  }))

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

const api = await startAdvisoryApi(table)
const dir = await mkdtemp(join(tmpdir(), 'lg-deps-bench-'))
await writeFile(join(dir, 'package-lock.json'), lock)
const { policy } = policyFrom('version: 1\ndependencies:\n  fail_on: low\n')

const parseMs: number[] = []
const auditMs: number[] = []
let calls = 0
let findings = 0
for (let round = 0; round < ROUNDS; round++) {
  let t = performance.now()
  parseLockfile('package-lock.json', lock)
  parseMs.push(performance.now() - t)
  const [unit] = dependenciesCheck.units(
    policy.dependencies as NonNullable<typeof policy.dependencies>,
    policy,
    undefined,
    dir
  )
  const before = api.affects.length
  t = performance.now()
  const out = await unit.run(
    testContext({ cwd: dir, env: { GITHUB_API_URL: api.url } })
  )
  auditMs.push(performance.now() - t)
  calls = api.affects.length - before
  findings = out.findings?.length ?? 0
}
await api.close()
await rm(dir, { recursive: true, force: true })

const audit = median(auditMs)
console.log(
  `lockfile: ${PACKAGES} packages, ${(lock.length / 1024).toFixed(0)} KiB; advisories in the table: ${table.length}`
)
console.log(
  `parse: median ${median(parseMs).toFixed(1)} ms (${Math.round(PACKAGES / (median(parseMs) / 1000))} packages/s)`
)
console.log(
  `parse + lookup + match: median ${audit.toFixed(0)} ms of ${ROUNDS} (${Math.round(PACKAGES / (audit / 1000))} packages/s), ${calls} API calls, ${findings} findings`
)
