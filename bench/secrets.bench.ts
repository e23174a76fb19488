// `npm run bench secrets`: scans a generated ~20 MB corpus with launch-gate's
// scanner and with the secretlint CLI (recommended preset), in the same run,
// and prints throughput, recall per format and false positives for both.
// Each side runs as a whole process, startup included, three times; the
// median counts.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateCorpus, type Planted } from './secrets-corpus.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUNS = 3

/** Every file under `dir`, relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter(e => e.isFile())
    .map(e => relative(dir, join(e.parentPath, e.name)))
}

// Child mode: scan the corpus as the check does and print `file:line` hits.
if (process.argv[2] === '--scan') {
  const dir = process.argv[3]
  const { scanSource } = await import('../src/checks/secrets/scan.ts')
  const { readTracked } = await import('../src/checks/secrets/sources/repo.ts')
  const hits: string[] = []
  const started = performance.now()
  // Read and scan as the repo scope does.
  for (const file of await listFiles(dir)) {
    const { source } = readTracked(join(dir, file), file)
    if (!source) continue
    for (const f of scanSource(source, { allow: [], knownValues: [] })
      .findings) {
      hits.push(`${file}:${f.line}`)
    }
  }
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(JSON.stringify({ hits, seconds }))
  process.exit(0)
}

interface Side {
  name: string
  seconds: number
  hits: Set<string>
}

function timed(run: () => Set<string>): { seconds: number; hits: Set<string> } {
  const times: number[] = []
  let hits = new Set<string>()
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    hits = run()
    times.push((performance.now() - started) / 1000)
  }
  times.sort((a, b) => a - b)
  return { seconds: times[Math.floor(RUNS / 2)], hits }
}

function runOurs(dir: string): Set<string> {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--scan', dir],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60_000
    }
  )
  if (child.status !== 0) throw new Error(`our scan failed: ${child.stderr}`)
  const { hits, seconds } = JSON.parse(child.stdout) as {
    hits: string[]
    seconds: number
  }
  inProcess.push(seconds)
  return new Set(hits)
}

function runSecretlint(dir: string, out: string): Set<string> {
  const config = JSON.stringify({
    rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }]
  })
  const child = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/secretlint/bin/secretlint.js'),
      '**/*',
      '--format',
      'json',
      '--output',
      out,
      '--secretlintrcJSON',
      config
    ],
    { cwd: dir, encoding: 'utf8', timeout: 10 * 60_000 }
  )
  if (child.error) throw child.error
  const results = JSON.parse(readFileSync(out, 'utf8')) as {
    filePath: string
    messages: { loc: { start: { line: number } } }[]
  }[]
  const hits = new Set<string>()
  for (const result of results) {
    for (const message of result.messages) {
      hits.add(`${relative(dir, result.filePath)}:${message.loc.start.line}`)
    }
  }
  return hits
}

/** Our read-and-scan time inside the process, engine loaded. */
const inProcess: number[] = []

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`

const work = await mkdtemp(join(tmpdir(), 'lg-secrets-bench-'))
try {
  const corpusDir = join(work, 'corpus')
  const corpus = await generateCorpus(corpusDir)
  const mb = corpus.bytes / 1024 / 1024
  console.log(
    `corpus: ${corpus.files} files, ${mb.toFixed(1)} MiB, ${corpus.planted.length} planted secrets in ${new Set(corpus.planted.map(p => p.format)).size} families, ${corpus.harmless.length} look-alike lines`
  )
  // The secretlint JSON output holds raw (generated) values: keep it out of the corpus.
  const out = join(work, 'secretlint.json')
  await writeFile(out, '[]')

  const sides: Side[] = [
    { name: 'launch-gate', ...timed(() => runOurs(corpusDir)) },
    { name: 'secretlint CLI', ...timed(() => runSecretlint(corpusDir, out)) }
  ]

  const key = (p: Planted) => `${p.file}:${p.line}`
  const plantedKeys = new Set(corpus.planted.map(key))
  const families = [...new Set(corpus.planted.map(p => p.format))].sort()

  console.log(
    `\nthroughput (whole process, median of ${RUNS}; a loaded machine: compare the ratio, not the seconds):`
  )
  for (const side of sides) {
    console.log(
      `  ${side.name.padEnd(15)} ${side.seconds.toFixed(2)} s  ${(mb / side.seconds).toFixed(1)} MiB/s`
    )
  }
  const scanOnly = inProcess.sort((a, b) => a - b)[
    Math.floor(inProcess.length / 2)
  ]
  console.log(
    `  (launch-gate read + scan in process: ${scanOnly.toFixed(2)} s, ${(mb / scanOnly).toFixed(1)} MiB/s)`
  )
  const ratio = sides[1].seconds / sides[0].seconds
  console.log(`  ratio           ${ratio.toFixed(1)}x (target >= 5x)`)

  console.log('\nrecall per family:                launch-gate   secretlint')
  let worstFamily = 1
  for (const family of families) {
    const planted = corpus.planted.filter(p => p.format === family)
    const [ours, theirs] = sides.map(
      s => planted.filter(p => s.hits.has(key(p))).length
    )
    worstFamily = Math.min(worstFamily, ours / planted.length)
    console.log(
      `  ${family.padEnd(32)}${`${ours}/${planted.length}`.padStart(8)}${`${theirs}/${planted.length}`.padStart(13)}${ours < planted.length * 0.95 ? '  < 95%' : ''}`
    )
  }
  const results = sides.map(side => {
    const found = corpus.planted.filter(p => side.hits.has(key(p))).length
    const lookalikeHits = corpus.harmless.filter(p => side.hits.has(key(p)))
    const elsewhere = [...side.hits].filter(
      h => !plantedKeys.has(h) && !corpus.harmless.some(p => key(p) === h)
    ).length
    return { found, lookalikeHits, elsewhere }
  })
  for (const [i, side] of sides.entries()) {
    console.log(
      `  ${side.name.padEnd(15)} overall ${results[i].found}/${corpus.planted.length} (${pct(results[i].found, corpus.planted.length)})`
    )
  }

  const kinds = [...new Set(corpus.harmless.map(p => p.format))].sort()
  console.log(
    `\nfalse positives on ${corpus.harmless.length} look-alike lines:  launch-gate   secretlint`
  )
  for (const kind of kinds) {
    const lines = corpus.harmless.filter(p => p.format === kind)
    const [ours, theirs] = results.map(
      r => r.lookalikeHits.filter(p => p.format === kind).length
    )
    console.log(
      `  ${kind.padEnd(32)}${`${ours}/${lines.length}`.padStart(8)}${`${theirs}/${lines.length}`.padStart(13)}`
    )
  }
  for (const [i, side] of sides.entries()) {
    console.log(
      `  ${side.name.padEnd(15)} ${results[i].lookalikeHits.length}/${corpus.harmless.length} look-alikes (${pct(results[i].lookalikeHits.length, corpus.harmless.length)}), ${results[i].elsewhere} hits on filler lines`
    )
  }

  const fpRate = results[0].lookalikeHits.length / corpus.harmless.length
  const targets = [
    [`throughput >= 5x secretlint`, ratio >= 5],
    ['recall >= 98% overall', results[0].found / corpus.planted.length >= 0.98],
    ['recall >= 95% per family', worstFamily >= 0.95],
    ['false positives <= 1% of look-alike lines', fpRate <= 0.01],
    ['no hits on filler lines', results[0].elsewhere === 0]
  ] as const
  console.log('\ntargets:')
  for (const [what, met] of targets)
    console.log(`  ${met ? 'met ' : 'MISS'} ${what}`)
  process.exitCode = targets.every(([, met]) => met) ? 0 : 1
} finally {
  await rm(work, { recursive: true, force: true })
}
