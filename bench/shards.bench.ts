// Sharded load (§7.6): three shards at a third of the rate each, in three
// processes, against the bimodal endpoint (true p95 400 ms), merged, next to
// one process at the whole rate. Figures: merged vs single p95 and counts.
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runGate } from '../src/engine/gate.ts'
import { mergeShardReports, type ShardReport } from '../src/engine/shards.ts'
import { parsePolicy } from '../src/policy/load.ts'
import type { Report } from '../src/report/model.ts'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const RATE = 90
const REQUESTS = 900
const TRUE_P95_MS = 400

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(here('latency-server.ts'), { stdio: 'inherit' })
  const port = await new Promise<number>(resolve =>
    child.once('message', m => resolve((m as { port: number }).port))
  )
  return { child, url: `http://127.0.0.1:${port}` }
}

const policy = (url: string) =>
  parsePolicy(
    `version: 1\ntarget: ${url}\nlatency:\n  - { name: bimodal, paths: [/bimodal], rate: ${RATE}, requests: ${REQUESTS}, warmup: 1s, p95: 1s }\n`,
    'bench.yml',
    {}
  )

/** One shard in its own process: `node shards.bench.ts --shard i N startAt out`. */
async function shardChild(args: string[]) {
  const [index, count, startAt, out, url] = args
  const report = await runGate(policy(url), {
    env: {},
    cwd: process.cwd(),
    log: () => {},
    shard: {
      index: Number(index),
      count: Number(count),
      startAt: new Date(startAt)
    }
  })
  const { writeFile } = await import('node:fs/promises')
  await writeFile(out, JSON.stringify(report))
}

function latencyOf(report: Report) {
  const check = report.checks.find(c => c.kind === 'latency')
  if (!check) throw new Error('no latency check in the report')
  return check.metrics
}

async function main() {
  const server = await startServer()
  try {
    const single = latencyOf(
      await runGate(policy(server.url), {
        env: {},
        cwd: process.cwd(),
        log: () => {}
      })
    )
    const dir = await mkdtemp(join(tmpdir(), 'lg-shards-'))
    const startAt = new Date(Date.now() + 3000).toISOString()
    const files = [1, 2, 3].map(i => join(dir, `shard-${i}.json`))
    await Promise.all(
      files.map(
        (file, i) =>
          new Promise<void>((resolve, reject) => {
            const child = fork(
              here('shards.bench.ts'),
              ['--shard', String(i + 1), '3', startAt, file, server.url],
              {
                stdio: 'inherit'
              }
            )
            child.on('exit', code =>
              code === 0
                ? resolve()
                : reject(new Error(`shard ${i + 1} exited ${code}`))
            )
          })
      )
    )
    const reports = await Promise.all(
      files.map(async file => ({
        file,
        report: JSON.parse(await readFile(file, 'utf8')) as ShardReport
      }))
    )
    for (const { file, report } of reports) {
      const m = latencyOf(report)
      console.log(
        `${file.split('/').pop()}: p95 ${m.p95_ms} ms, ${m.requests} requests, ${m.rps} req/s`
      )
    }
    const merged = latencyOf(mergeShardReports(reports))
    await rm(dir, { recursive: true, force: true })
    const off = (p95: number) =>
      `${(((p95 - TRUE_P95_MS) / TRUE_P95_MS) * 100).toFixed(2)} % from the truth`
    console.log(
      `open model, ${RATE} req/s, ${REQUESTS} requests, bimodal endpoint (true p95 ${TRUE_P95_MS} ms)`
    )
    console.log(
      `single runner: p95 ${single.p95_ms} ms (${off(Number(single.p95_ms))}), ${single.requests} requests, ${single.errors} errors`
    )
    console.log(
      `3 shards merged: p95 ${merged.p95_ms} ms (${off(Number(merged.p95_ms))}), ${merged.requests} requests, ${merged.errors} errors`
    )
    console.log(
      `merged vs single p95: ${(((Number(merged.p95_ms) - Number(single.p95_ms)) / Number(single.p95_ms)) * 100).toFixed(2)} %`
    )
  } finally {
    server.child.kill()
  }
}

if (process.argv[2] === '--shard') await shardChild(process.argv.slice(3))
else await main()
