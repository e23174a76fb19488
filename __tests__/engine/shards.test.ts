import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runGate } from '../../src/engine/gate.ts'
import type { CheckResult } from '../../src/report/model.ts'
import { policyFrom } from '../support/context.ts'
import { startServer, type TestServer } from '../support/http-server.ts'
import { LatencyHistogram } from '../../src/checks/latency/histogram.ts'
import {
  parseShard,
  shardLoad,
  shareOf
} from '../../src/checks/latency/shard.ts'
import {
  mergeShardReports,
  parseStartAt,
  type ShardReport
} from '../../src/engine/shards.ts'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../support/cli.ts'
import { UsageError } from '../../src/errors.ts'

describe('splitting a load', () => {
  it('parses i/N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1', '-1/2']) {
      expect(() => parseShard(bad)).toThrow(UsageError)
    }
  })

  it('spreads the remainder so the parts add up exactly', () => {
    for (const total of [1000, 1001, 7, 50]) {
      for (const count of [1, 2, 3, 4, 7]) {
        if (total < count) continue
        const parts = Array.from({ length: count }, (_, i) =>
          shareOf(total, { index: i + 1, count })
        )
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1)
      }
    }
  })

  it('gives each shard 1/N of rate, concurrency and requests', () => {
    expect(
      shardLoad({ rate: 30, requests: 100 }, { index: 1, count: 3 }, 'x')
    ).toEqual({ rate: 10, requests: 34 })
    expect(shardLoad({ concurrency: 10 }, { index: 3, count: 4 }, 'x')).toEqual(
      { concurrency: 2 }
    )
    expect(() =>
      shardLoad({ concurrency: 2 }, { index: 1, count: 3 }, 'core')
    ).toThrow('latency core: concurrency 2 cannot be split over 3 shards')
  })
})

/** Samples of a known distribution: 90 % at ~20 ms, 10 % at ~400 ms. */
function samples(n: number, seed: number): number[] {
  let x = seed
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  return Array.from({ length: n }, () =>
    next() < 0.9 ? 20_000 + next() * 2000 : 400_000 + next() * 20_000
  )
}

function shardReport(
  index: number,
  count: number,
  micros: number[],
  over: {
    digest?: string
    window?: [string, string]
    errors?: number
  } = {}
): ShardReport {
  const histogram = new LatencyHistogram()
  for (const m of micros) histogram.recordMicros(m)
  const encoded = histogram.encode()
  const errors = over.errors ?? 0
  return {
    version: 1,
    result: 'pass',
    target: 'http://127.0.0.1:1/',
    started_at: '2026-12-06T08:00:00.000Z',
    duration_ms: 10_000,
    summary: '',
    notes: [],
    shard: {
      index,
      count,
      policy_digest: over.digest ?? 'abc',
      start_at: '2026-12-06T08:00:00.000Z'
    },
    checks: [
      {
        kind: 'latency',
        name: 'core',
        status: 'pass',
        level: 'error',
        summary: '',
        metrics: {
          requests: micros.length + errors,
          rps: 100,
          histogram: encoded
        },
        findings: [],
        notes: [],
        duration_ms: 10_000,
        shard: {
          window: {
            start: over.window?.[0] ?? '2026-12-06T08:00:00.000Z',
            end: over.window?.[1] ?? '2026-12-06T08:00:10.000Z'
          },
          errors: {
            total: errors,
            byKind: {
              status: errors,
              timeout: 0,
              reset: 0,
              refused: 0,
              other: 0
            },
            byStatus: errors ? { '503': errors } : {},
            otherReasons: {}
          },
          budgets: { p95: 450, error_rate: 0.01 },
          timeout_ms: 10_000,
          stopped_by: 'duration',
          histogram: encoded
        }
      }
    ]
  }
}

describe('merging shard reports', () => {
  const parts = [samples(3000, 1), samples(3000, 2), samples(3000, 3)]
  const whole = new LatencyHistogram()
  for (const m of parts.flat()) whole.recordMicros(m)

  it('adds histograms and counts: the merged p95 is the whole run’s', () => {
    const merged = mergeShardReports(
      parts.map((p, i) => ({
        file: `s${i}.json`,
        report: shardReport(i + 1, 3, p, { errors: 10 })
      }))
    )
    const [check] = merged.checks
    expect(check.metrics.requests).toBe(9030)
    expect(check.metrics.successes).toBe(9000)
    expect(check.metrics.p95_ms).toBeCloseTo(whole.figures().p95, 0)
    expect(check.metrics.rps).toBe(300)
    expect(check.metrics.shards).toBe(3)
    // 30 errors in 9030 requests: over the 1 % budget? 0.33 %: no.
    expect(check.status).toBe('pass')
    expect(merged.notes).toEqual(['merged 3 of 3 shards'])
  })

  it('applies the embedded budgets to the whole', () => {
    const merged = mergeShardReports(
      parts.map((p, i) => ({
        file: `s${i}`,
        report: shardReport(i + 1, 3, p, { errors: 100 })
      }))
    )
    expect(merged.result).toBe('fail')
    expect(merged.checks[0].summary).toMatch(/^error_rate 0\.0323 > 0\.01/)
  })

  it('fails a merge with a missing shard or windows that never overlapped', () => {
    const missing = mergeShardReports([
      { file: 'a', report: shardReport(1, 3, parts[0]) },
      { file: 'c', report: shardReport(3, 3, parts[2]) }
    ])
    expect(missing.result).toBe('fail')
    expect(missing.notes).toEqual(['merged 2 of 3 shards (missing: 2)'])
    expect(missing.checks[0].summary).toBe(
      'only 2 of 3 shards reported (missing: 2): the load was smaller than the policy asks'
    )
    const apart = mergeShardReports([
      { file: 'a', report: shardReport(1, 2, parts[0]) },
      {
        file: 'b',
        report: shardReport(2, 2, parts[1], {
          window: ['2026-12-06T08:00:20.000Z', '2026-12-06T08:00:30.000Z']
        })
      }
    ])
    expect(apart.checks[0].status).toBe('fail')
    expect(apart.checks[0].summary).toContain(
      "the shards' load windows did not overlap (08:00:00–08:00:10, 08:00:20–08:00:30)"
    )
  })

  it('refuses reports of different policies, twins and non-shard reports', () => {
    expect(() =>
      mergeShardReports([
        { file: 'a', report: shardReport(1, 2, parts[0]) },
        { file: 'b', report: shardReport(2, 2, parts[1], { digest: 'def' }) }
      ])
    ).toThrow('b ran another policy than a (digest def vs abc)')
    expect(() =>
      mergeShardReports([
        { file: 'a', report: shardReport(1, 2, parts[0]) },
        { file: 'b', report: shardReport(1, 2, parts[1]) }
      ])
    ).toThrow('shard 1/2 is there twice (b)')
    const plain = { ...shardReport(1, 1, parts[0]), shard: undefined }
    expect(() =>
      mergeShardReports([
        { file: 'r.json', report: plain as unknown as ShardReport }
      ])
    ).toThrow('r.json is not a shard report')
  })
})

describe('sharded runs against a real server', () => {
  let server: TestServer
  let served = 0
  beforeAll(async () => {
    // A known distribution: every 10th answer takes 100 ms, the rest 10 ms,
    // so the true p95 is 100 ms.
    server = await startServer((_, res) => {
      const slow = ++served % 10 === 0
      setTimeout(() => res.end('ok'), slow ? 100 : 10)
    })
  })
  afterAll(() => server.close())

  const policy = (url: string) =>
    policyFrom(
      `version: 1\ntarget: ${url}\nlatency:\n  - { name: core, paths: [/], concurrency: 6, requests: 300, warmup: 0s, p95: 500ms }\nsmoke:\n  - { path: / }\n`
    )
  const gate = (shard?: { index: number; count: number; startAt: Date }) =>
    runGate(policy(server.url), {
      env: {},
      cwd: process.cwd(),
      log: () => {},
      shard
    })

  it('three shards at a third each merge to the single run: exact counts, the same p95', async () => {
    const single = await gate()
    const startAt = new Date(Date.now() + 500)
    const shards = await Promise.all(
      [1, 2, 3].map(index => gate({ index, count: 3, startAt }))
    )
    for (const report of shards) {
      expect(report.checks.map(c => c.kind)).toEqual(['latency'])
      expect(report.shard).toMatchObject({
        count: 3,
        start_at: startAt.toISOString()
      })
      expect(report.checks[0].metrics.requests).toBe(100)
    }
    const merged = mergeShardReports(
      shards.map((report, i) => ({
        file: `shard-${i + 1}.json`,
        report: report as ShardReport
      }))
    )
    const [check] = merged.checks
    const singleCheck = single.checks.find(
      c => c.kind === 'latency'
    ) as CheckResult
    expect(check.metrics.requests).toBe(300)
    expect(check.metrics.successes).toBe(300)
    const p95 = check.metrics.p95_ms as number
    expect(Math.abs(p95 - 100) / 100).toBeLessThan(0.05 * 5)
    expect(p95).toBeGreaterThanOrEqual(100)
    expect(
      Math.abs(p95 - (singleCheck.metrics.p95_ms as number)) / p95
    ).toBeLessThan(0.25)
    expect(check.status).toBe('pass')
    expect(merged.notes).toEqual(['merged 3 of 3 shards'])
  })
})

describe('{{seq}} across shards', () => {
  it('numbers shard i’s requests i, i + N, …: unique over the whole load', async () => {
    const seen: number[] = []
    const server = await startServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', c => chunks.push(c))
      req.on('end', () => {
        seen.push(JSON.parse(Buffer.concat(chunks).toString()).n)
        res.end('ok')
      })
    })
    const loaded = policyFrom(
      `version: 1\ntarget: ${server.url}\nlatency:\n  - { name: signup, paths: [/], method: POST, body: { n: "{{seq}}" }, concurrency: 3, requests: 30, warmup: 0s }\n`
    )
    const startAt = new Date()
    await Promise.all(
      [1, 2, 3].map(index =>
        runGate(loaded, {
          env: {},
          cwd: process.cwd(),
          log: () => {},
          shard: { index, count: 3, startAt }
        })
      )
    )
    await server.close()
    expect(seen.map(Number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1)
    )
  })
})

describe('the CLI: check --shard and merge', () => {
  it('two shard runs and a merge give one verdict; a shard alone never fails on budgets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lg-shard-cli-'))
    const server = await startServer((_, res) =>
      setTimeout(() => res.end('ok'), 5)
    )
    await writeFile(
      join(dir, 'load.yml'),
      `version: 1\ntarget: ${server.url}\nlatency:\n  - { name: core, paths: [/], concurrency: 2, requests: 40, warmup: 0s, p95: 1ms }\n`
    )
    const startAt = new Date().toISOString()
    const shards = await Promise.all(
      [1, 2].map(i =>
        runCli(
          [
            'check',
            '--policy',
            'load.yml',
            '--shard',
            `${i}/2`,
            '--start-at',
            startAt,
            '--json',
            `s${i}.json`
          ],
          { cwd: dir }
        )
      )
    )
    // p95 1ms is surely breached, but a shard does not judge the whole.
    expect(shards.map(s => s.code)).toEqual([0, 0])
    const merged = await runCli(
      ['merge', 's1.json', 's2.json', '--json', 'merged.json'],
      { cwd: dir }
    )
    await server.close()
    expect(merged.code).toBe(1)
    expect(merged.stdout).toContain('latency')
    const report = JSON.parse(await readFile(join(dir, 'merged.json'), 'utf8'))
    expect(report.checks[0].metrics).toMatchObject({ requests: 40, shards: 2 })
    expect(report.notes).toEqual(['merged 2 of 2 shards'])

    const bad = await runCli(['merge', 'missing.json'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('cannot read missing.json')
    const lonely = await runCli(
      ['check', '--policy', 'load.yml', '--start-at', startAt],
      { cwd: dir }
    )
    expect(lonely.code).toBe(2)
    expect(lonely.stderr).toContain('--start-at goes with --shard')
  })

  it('reads start-at as an ISO time within the hour, else the next full 10 s', () => {
    const now = Date.parse('2026-12-06T08:00:03Z')
    expect(parseStartAt(undefined, now).toISOString()).toBe(
      '2026-12-06T08:00:10.000Z'
    )
    expect(parseStartAt('2026-12-06T08:05:00Z', now).toISOString()).toBe(
      '2026-12-06T08:05:00.000Z'
    )
    expect(() => parseStartAt('tomorrow', now)).toThrow('invalid start-at')
    expect(() => parseStartAt('2026-12-06T10:00:00Z', now)).toThrow(
      'more than an hour ahead'
    )
  })
})
