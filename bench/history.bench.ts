// `npm run bench history`: what run history adds to a run, on the fake GitHub
// API (127.0.0.1) with the data-branch endpoints.
//   1. bytes per record (a gate of 12 checks: 2 load tests, 6 smoke, tls, headers, 2 cache)
//   2. API calls and wall time per run with 200 records on the branch
//      (read: last commit + raw file; judge; append and PUT)
//   3. the engine's share: parse 200 records, judge 12 checks, append
import { getOctokit } from '@actions/github'
import {
  appendRecord,
  historyJudge,
  parseHistory,
  type HistoryPlan
} from '../src/engine/history.ts'
import { BranchHistoryStore } from '../src/github/history-branch.ts'
import { parsePolicy } from '../src/policy/load.ts'
import type { CheckResult, Report } from '../src/report/model.ts'
import { fakeGitData } from '../__tests__/support/fake-git-data.ts'
import { startFakeGitHub } from '../__tests__/support/fake-github.ts'

const KEY =
  'acme/shop/.github/workflows/nightly.yml/gate/.github/launch-policy.yml'
const RUNS = 20
const KEEP = 200

const { policy } = parsePolicy(
  `version: 1
target: https://shop.example.com
history: { keep: ${KEEP} }
latency:
  - { name: core-reads, paths: [/api/feed], rate: 20, p95: 300ms, regression: { p95: 20%, rps: 10% } }
  - { name: checkout, paths: [/api/cart], concurrency: 4, p95: 500ms, regression: { p95: 50ms } }
`,
  'policy.yml',
  {}
)

const plan: HistoryPlan = {
  settings: policy.history ?? (undefined as never),
  run: {
    key: KEY,
    ref: 'main',
    event: 'schedule',
    sha: 'a'.repeat(40),
    environment: 'production',
    url: 'https://github.com/acme/shop/actions/runs/1234567890'
  },
  baseRef: 'main',
  accept: false
}

function result(
  kind: CheckResult['kind'],
  name: string,
  metrics: CheckResult['metrics']
): CheckResult {
  return {
    kind,
    name,
    status: 'pass',
    level: 'error',
    summary: 'ok',
    metrics,
    findings: [],
    notes: [],
    duration_ms: 100
  }
}

function checks(night: number): [CheckResult, (string | number)[]][] {
  const load = (p95: number) => ({
    requests: 1200,
    successes: 1200,
    errors: 0,
    p50_ms: 41.2,
    p90_ms: 98.4,
    p95_ms: p95,
    p99_ms: 210.7,
    max_ms: 388.1,
    error_rate: 0,
    rps: 19.9
  })
  return [
    [result('latency', 'core-reads', load(150 + (night % 7))), ['latency', 0]],
    [result('latency', 'checkout', load(220 + (night % 5))), ['latency', 1]],
    ...['/', '/pricing', '/login', '/signup', '/api/health', '/docs'].map(
      (path, i): [CheckResult, (string | number)[]] => [
        result('smoke', path, { status: 200, time_ms: 80 + i }),
        ['smoke', i]
      ]
    ),
    [result('tls', 'shop.example.com', { days_remaining: 61 }), ['tls']],
    [result('headers', '/', { paths: 1 }), ['headers']],
    ...['/', '/assets/app.js'].map(
      (path, i): [CheckResult, (string | number)[]] => [
        result('cache', path, { max_age: 31_536_000 }),
        ['cache', i]
      ]
    )
  ]
}

function report(list: CheckResult[]): Report {
  return {
    version: 1,
    result: 'pass',
    target: 'https://shop.example.com/',
    started_at: new Date().toISOString(),
    duration_ms: 60_000,
    summary: '',
    notes: [],
    checks: list
  }
}

/** Judges one night over `text` and returns its record and the new text. */
function night(text: string, n: number) {
  const { records } = parseHistory(text, KEY)
  const { judge, finish } = historyJudge(records, plan, policy)
  const judged = checks(n).map(([check, path]) => judge(check, path))
  const { record } = finish(report(judged))
  return appendRecord(text, record, KEEP)
}

// 1. bytes per record
let text = ''
for (let n = 0; n < KEEP; n++) text = night(text, n)
const lines = text.trim().split('\n')
const bytes = Buffer.byteLength(text)
console.log(
  `record: ${Math.round(bytes / lines.length)} bytes (12 checks); ${KEEP} records: ${(bytes / 1024).toFixed(1)} KiB`
)

// 2. API calls and time per run
const git = fakeGitData()
const api = await startFakeGitHub({ routes: [git.route] })
// Octokit without the client's throttling plugin, which spaces writes 1 s
// apart within a process: one run writes once, so it never waits on itself.
const octokit = getOctokit('bench', { baseUrl: api.url })
const store = () =>
  new BranchHistoryStore({
    octokit,
    repo: { owner: 'acme', repo: 'shop' },
    branch: 'launch-gate-history',
    key: KEY,
    author: 'github-actions[bot]',
    warn: message => console.log(`warning: ${message}`)
  })
const seed = store()
await seed.read()
await seed.update(() => text)

const times: number[] = []
const calls: number[] = []
for (let n = 0; n < RUNS; n++) {
  api.requests.length = 0
  const started = performance.now()
  const run = store()
  const current = await run.read()
  let next = ''
  await run.update(latest => (next = night(latest || current, KEEP + n)))
  times.push(performance.now() - started)
  calls.push(api.requests.length)
  if (parseHistory(next, KEY).records.length !== KEEP) {
    throw new Error('history was not trimmed to keep')
  }
}
await api.close()
times.sort((a, b) => a - b)
console.log(
  `per run with ${KEEP} records on the branch: ${Math.max(...calls)} API calls, median ${times[RUNS >> 1].toFixed(0)} ms, max ${times[RUNS - 1].toFixed(0)} ms (${RUNS} runs)`
)

// 3. the engine's share
const engineStarted = performance.now()
for (let n = 0; n < RUNS; n++) night(text, n)
console.log(
  `engine only (parse ${KEEP} records, judge 12 checks, append): ${((performance.now() - engineStarted) / RUNS).toFixed(1)} ms per run`
)
