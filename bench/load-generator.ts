// One load generator in a process of its own, for latency.bench.ts: a 1 s
// warm-up, then `seconds` of closed-model load at concurrency 50, and one JSON
// line: requests per second and the process's own CPU time per request over
// the measured part only.
//   node bench/load-generator.ts engine|autocannon URL SECONDS [ENGINE_MODULE]
// ENGINE_MODULE (a path relative to this file) lets the bench compare an
// older copy of the engine against the current one.
import { createRequire } from 'node:module'
import type { runLoad as RunLoad } from '../src/checks/latency/load.ts'

const [tool, url, seconds, engineModule] = process.argv.slice(2)
const CONCURRENCY = 50
const WARMUP_SECONDS = 1

// autocannon ships no types: only what this file reads.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string
  connections: number
  duration: number
  headers: Record<string, string>
}) => Promise<{ requests: { total: number }; duration: number }>

interface Measured {
  requests: number
  seconds: number
}

async function engine(): Promise<(duration: number) => Promise<Measured>> {
  const { runLoad } = (await import(
    engineModule ?? '../src/checks/latency/load.ts'
  )) as { runLoad: typeof RunLoad }
  const target = new URL(url)
  const request = {
    path: target.pathname,
    method: 'GET' as const,
    headers: { 'user-agent': 'launch-gate-bench' },
    body: undefined
  }
  return async duration => {
    const result = await runLoad({
      model: { kind: 'concurrency', concurrency: CONCURRENCY },
      duration: duration * 1000,
      warmup: 0,
      origin: target,
      sources: [() => request],
      timeoutMs: 10_000,
      signal: AbortSignal.timeout(120_000)
    })
    return { requests: result.requests, seconds: result.elapsedMs / 1000 }
  }
}

function cannon(): (duration: number) => Promise<Measured> {
  return async duration => {
    const result = await autocannon({
      url,
      connections: CONCURRENCY,
      duration,
      headers: { 'user-agent': 'launch-gate-bench' }
    })
    return { requests: result.requests.total, seconds: result.duration }
  }
}

const run = tool === 'engine' ? await engine() : cannon()
await run(WARMUP_SECONDS)
const before = process.cpuUsage()
const measured = await run(Number(seconds))
const cpu = process.cpuUsage(before)
console.log(
  JSON.stringify({
    rps: measured.requests / measured.seconds,
    requests: measured.requests,
    cpuUsPerRequest: (cpu.user + cpu.system) / measured.requests
  })
)
