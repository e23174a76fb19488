import type { Policy } from '../../policy/schema.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Unit,
  UnitOutcome
} from '../types.ts'
import { skippedUnit } from '../skip.ts'
import type { ChangeProvider } from '../types.ts'
import { globMatcher } from './glob.ts'
import { applyBaseline, parseBaseline } from './baseline.ts'
import { fingerprint, redact } from './redact.ts'
import { scanSource, type RawFinding, type ScanOptions } from './scan.ts'
import {
  bundleSources,
  MAX_ASSETS,
  MAX_REDIRECTS,
  MAX_SOURCE_MAPS
} from './sources/bundle.ts'
import {
  decode,
  latin1Note,
  type SourceNote,
  type Sources
} from './sources/common.ts'
import { MAX_RECORDED_BYTES } from '../../net/http.ts'
import { diffSources, gitChangeProvider } from './sources/diff.ts'
import { GIT_TIMEOUT_MS } from './sources/git.ts'
import { EMAIL_RULE } from './rules.ts'
import { pathSources } from './sources/paths.ts'
import { repoSources } from './sources/repo.ts'
import { BoundedRegex } from '../../util/bounded-regex.ts'
import { safeToMask } from '../../util/redact.ts'

export type SecretsSection = NonNullable<Policy['secrets']>

type Scope = 'diff' | 'repo' | 'bundle' | 'paths' | 'responses'

/** Shorter known values would match by chance: they are not searched. */
export const MIN_KNOWN_VALUE_LENGTH = 8

/** Notes listed one by one; the rest are only counted. */
const MAX_NOTES = 50

/** Findings kept per unit; past it a note counts the rest. */
export const MAX_FINDINGS = 5000

const WHERE: Record<Scope, string> = {
  diff: 'in added lines',
  repo: 'in tracked files',
  bundle: 'in the served bundle',
  paths: 'in build output and logs',
  responses: 'in responses the site served'
}

const ADVICE: Record<Scope, string> = {
  diff: 'revoke it, then load it from a secret store instead of the code',
  repo: 'revoke it, then load it from a secret store instead of the code',
  bundle: 'every visitor can read it: revoke it and keep it on the server',
  paths:
    'build output and logs get uploaded and published: revoke it and keep it out of the build',
  responses:
    'anyone who makes that request can read it: revoke it and keep it out of responses'
}

/**
 * The `secrets` check: one unit for the diff or the repository (skipped when
 * `scope: off`), and one for the served bundle when `bundle: true`.
 */
export const secretsCheck: Check<'secrets'> = {
  kind: 'secrets',
  // Files come from local git (no request); the bundle follows each page's
  // redirects, then fetches capped numbers of assets and source maps.
  plan(section, policy) {
    const files = section.scope === 'off' ? 0 : GIT_TIMEOUT_MS
    if (!section.bundle) {
      return { maxRequests: 0, maxMs: files, basis: `scope ${section.scope}` }
    }
    const pages = section.bundle_paths.length * (1 + MAX_REDIRECTS)
    const requests = pages + MAX_ASSETS + MAX_SOURCE_MAPS
    return {
      maxRequests: requests,
      maxMs: files + requests * policy.defaults.timeout,
      basis: `scope ${section.scope}; bundle: ${pages} page requests + ${MAX_ASSETS} assets + ${MAX_SOURCE_MAPS} source maps`
    }
  },
  units(section) {
    const level = section.level ?? 'error'
    const units: Unit[] = []
    if (section.scope === 'off') {
      units.push(
        skippedUnit(
          'files',
          ['secrets', 'scope'],
          'scope is off in the policy',
          level
        )
      )
    } else {
      const scope = section.scope
      units.push({
        name: scope,
        level,
        policyPath: ['secrets', 'scope'],
        run: ctx =>
          scope === 'diff' ? scanDiff(section, ctx) : scanRepo(section, ctx)
      })
    }
    if (section.paths.length > 0) {
      units.push({
        name: 'paths',
        level,
        policyPath: ['secrets', 'paths'],
        run: ctx => scanPaths(section, ctx)
      })
    }
    if (section.responses) {
      units.push({
        name: 'responses',
        level,
        policyPath: ['secrets', 'responses'],
        last: true,
        run: ctx => scanResponses(section, ctx)
      })
    }
    if (section.bundle) {
      units.push({
        name: 'bundle',
        level,
        policyPath: ['secrets', 'bundle'],
        run: ctx => scanBundle(section, ctx)
      })
    }
    return units
  }
}

/** The diff scope through local git; another provider can be passed in. */
export async function scanDiff(
  section: SecretsSection,
  ctx: CheckContext,
  provider?: ChangeProvider
): Promise<UnitOutcome> {
  const { changes, notes: sourceNotes } = provider
    ? { changes: provider, notes: [] }
    : await changeSource(ctx)
  const files = await changes.changedFiles()
  const excluded = globMatcher(section.exclude)
  const sources = diffSources(files, excluded)
  const { known, notes: knownNotes } = knownValues(section, ctx)
  const raw = await scanAll(
    sources,
    {
      ...scanOptions(section),
      knownValues: known,
      // Every scanned line is added by the change: so is its allow comment.
      keepInlineAllowed: true
    },
    ctx
  )

  // A secret the base already had is not this change's doing.
  const removed = [...new Set(files.flatMap(f => f.removed))]
  const oldPath = new Map(files.map(f => [f.path, f.oldPath ?? f.path]))
  const baseTexts = new Map<string, Promise<string | undefined>>()
  const fresh: RawFinding[] = []
  let inBase = 0
  for (const finding of raw.findings) {
    const before = oldPath.get(finding.file) ?? finding.file
    if (!baseTexts.has(before)) baseTexts.set(before, changes.baseText(before))
    const baseText = await baseTexts.get(before)
    const old =
      removed.some(line => line.includes(finding.secret)) ||
      (baseText?.includes(finding.secret) ?? false)
    if (old) inBase++
    else fresh.push(finding)
  }

  const renamed = files.filter(f => f.status === 'renamed').length
  const deleted = files.filter(f => f.status === 'deleted').length
  return outcome(
    'diff',
    fresh,
    [...sourceNotes, ...sources.notes, ...knownNotes, ...raw.notes],
    await baselineOf(section, ctx),
    {
      files_scanned: sources.sources.length,
      bytes_scanned: raw.bytes,
      files_changed: files.length,
      renamed,
      deleted,
      already_in_base: inBase,
      range: changes.range
    }
  )
}

/** Local git, else the GitHub API's view of the change, saying why. */
async function changeSource(
  ctx: CheckContext
): Promise<{ changes: ChangeProvider; notes: SourceNote[] }> {
  try {
    return { changes: await gitChangeProvider(ctx), notes: [] }
  } catch (error) {
    if (!ctx.changesFromApi) throw error
    const reason = error instanceof Error ? error.message : String(error)
    return {
      changes: ctx.changesFromApi,
      notes: [
        {
          kind: 'source',
          message: `read the change from the GitHub API: ${reason}`
        }
      ]
    }
  }
}

async function scanRepo(
  section: SecretsSection,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const sources = await repoSources(ctx, globMatcher(section.exclude))
  return scanSources('repo', sources, section, ctx)
}

/** `secrets.paths`: files of the working tree, tracked or not (build output, logs). */
async function scanPaths(
  section: SecretsSection,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const sources = await pathSources(
    ctx,
    section.paths,
    globMatcher(section.paths),
    globMatcher(section.exclude)
  )
  return scanSources('paths', sources, section, ctx)
}

async function scanBundle(
  section: SecretsSection,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const sources = await bundleSources(
    ctx,
    section.bundle_paths,
    globMatcher(section.exclude)
  )
  return scanSources('bundle', sources, section, ctx, {
    cross_origin_skipped: sources.crossOrigin
  })
}

/**
 * `secrets.responses`: every answer the other checks fetched through the
 * shared client (smoke, journeys, pages, headers, exposure…), read as
 * served text; journey steps that capture were never kept.
 */
async function scanResponses(
  section: SecretsSection,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const excluded = globMatcher(section.exclude)
  const seen = new Set<string>()
  const sources: Sources = { sources: [], notes: [] }
  for (const { url, body } of ctx.http.recordedResponses()) {
    const file = url.href
    if (seen.has(file) || excluded(url.pathname.replace(/^\//, ''))) continue
    seen.add(file)
    const { text, utf8 } = decode(body)
    if (!utf8) sources.notes.push(latin1Note(file))
    sources.sources.push({ file, text, minified: true })
  }
  if (ctx.http.recordOverflow > 0) {
    sources.notes.push({
      kind: 'truncated',
      message: `${ctx.http.recordOverflow} responses past the ${MAX_RECORDED_BYTES / 1024 / 1024} MB kept for this scan were not scanned`
    })
  }
  return scanSources('responses', sources, section, ctx)
}

/** Scans whole sources (not a diff) and reports them as `scope`. */
async function scanSources(
  scope: Exclude<Scope, 'diff'>,
  sources: Sources,
  section: SecretsSection,
  ctx: CheckContext,
  extra: Record<string, number> = {}
): Promise<UnitOutcome> {
  const { known, notes } = knownValues(section, ctx)
  const raw = await scanAll(
    sources,
    { ...scanOptions(section), knownValues: known },
    ctx
  )
  return outcome(
    scope,
    raw.findings,
    [...sources.notes, ...notes, ...raw.notes],
    await baselineOf(section, ctx),
    {
      files_scanned: sources.sources.length,
      bytes_scanned: raw.bytes,
      ...extra
    }
  )
}

/** Scans each source, yielding between files; findings capped with a note. */
async function scanAll(
  { sources }: Sources,
  options: ScanOptions,
  ctx: CheckContext
): Promise<{ findings: RawFinding[]; notes: SourceNote[]; bytes: number }> {
  const findings: RawFinding[] = []
  const notes: SourceNote[] = []
  let bytes = 0
  let over = 0
  for (const source of sources) {
    await new Promise(setImmediate)
    ctx.signal.throwIfAborted()
    bytes += Buffer.byteLength(source.text)
    const result = scanSource(source, options)
    for (const note of result.notes) notes.push(note)
    for (const finding of result.findings) {
      if (findings.length < MAX_FINDINGS) findings.push(finding)
      else over++
    }
  }
  if (over > 0) {
    notes.push({
      kind: 'truncated',
      message: `${over} more findings past the first ${MAX_FINDINGS} were not listed`
    })
  }
  return { findings, notes, bytes }
}

/** The accepted fingerprints of `secrets.baseline`, read where the policy was. */
async function baselineOf(
  section: SecretsSection,
  ctx: CheckContext
): Promise<Baseline> {
  const path = section.baseline
  if (!path) return { entries: [], notes: [] }
  // Where the policy was read: at the base under policy-ref: base, so a
  // pull request cannot accept its own leak.
  const text = await ctx.readPolicyFile(path)
  if (text === undefined) {
    return {
      entries: [],
      notes: [
        {
          kind: 'source',
          message: `secrets baseline ${path} does not exist where the policy was read: no finding accepted (write one with launch-gate secrets baseline)`
        }
      ]
    }
  }
  return { entries: parseBaseline(text, path), notes: [] }
}

interface Baseline {
  entries: ReturnType<typeof parseBaseline>
  notes: SourceNote[]
}

/** The policy's allow-list and PII options for the scanner. */
function scanOptions(
  section: SecretsSection
): Pick<ScanOptions, 'allow' | 'pii'> {
  return {
    allow: compileAllow(section),
    pii: { email: section.pii.includes('email'), allow: section.pii_allow }
  }
}

function compileAllow(section: SecretsSection): BoundedRegex[] {
  // The schema has checked that each one compiles; a user regex runs bounded.
  return section.allow.map(source => new BoundedRegex(source))
}

/** The values of `known_values`, and a note for each that cannot be searched. */
function knownValues(
  section: SecretsSection,
  ctx: CheckContext
): { known: ScanOptions['knownValues']; notes: SourceNote[] } {
  const known: { name: string; value: string }[] = []
  const notes: SourceNote[] = []
  for (const name of section.known_values) {
    const value = ctx.env[name]
    if (!value) {
      notes.push({
        kind: 'unreadable',
        message: `${name} is not set: its value was not searched for`
      })
    } else if (value.length < MIN_KNOWN_VALUE_LENGTH) {
      notes.push({
        kind: 'unreadable',
        message: `${name} is shorter than ${MIN_KNOWN_VALUE_LENGTH} characters: not searched for (it would match by chance)`
      })
    } else {
      known.push({ name, value })
    }
  }
  return { known, notes }
}

/**
 * Redacts and fingerprints what was found, applies the baseline and turns
 * it into the unit's outcome. Raw values leave only through
 * `secretValues`, for masking.
 */
export function outcome(
  scope: Scope,
  found: readonly RawFinding[],
  sourceNotes: readonly SourceNote[],
  baseline: Baseline,
  metrics: Record<string, number | string>,
  today = new Date().toISOString().slice(0, 10)
): UnitOutcome {
  const all: Finding[] = found.map(f => ({
    rule: f.rule.id,
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.inlineAllowed
      ? `${describe(f)} ${WHERE[scope]}, with an allow comment this change adds: that does not accept it; a reviewer can, in secrets.baseline`
      : `${describe(f)} ${WHERE[scope]}: ${f.rule.id === EMAIL_RULE.id ? 'personal data: remove it, or list it in secrets.pii_allow' : ADVICE[scope]}`,
    redacted: redact(f.secret),
    fingerprint: fingerprint(f.rule.id, f.file, f.secret),
    ...(f.inlineAllowed ? { severity: 'warning' as const } : {})
  }))
  const { reported, accepted } = applyBaseline(all, baseline.entries, today)
  const notes = [...sourceNotes, ...baseline.notes]
  const failing = reported.filter(f => f.severity !== 'warning').length
  const secretValues = [...new Set(found.flatMap(f => maskable(f.secret)))]
  const summary =
    failing > 0
      ? `${failing} ${failing === 1 ? 'secret' : 'secrets'} ${WHERE[scope]}`
      : `no secrets ${WHERE[scope]} (${metrics.files_scanned} ${scope === 'bundle' || scope === 'responses' ? 'responses' : 'files'} scanned)`
  const acceptedText =
    accepted > 0 ? `; ${accepted} accepted by the baseline` : ''
  return {
    ok: failing === 0,
    summary: summary + acceptedText + noteSummary(notes),
    metrics: {
      ...metrics,
      findings: failing,
      ...(baseline.entries.length > 0 ? { baselined: accepted } : {})
    },
    findings: reported,
    notes: noteLines(notes),
    secretValues
  }
}

const describe = (f: RawFinding) =>
  f.name ? `value of ${f.name}` : f.rule.description

/** Notes as report lines, the first MAX_NOTES listed and the rest counted. */
function noteLines(notes: readonly SourceNote[]): string[] {
  const lines = notes
    .slice(0, MAX_NOTES)
    .map(n => (n.file ? `${n.file}: ${n.message}` : n.message))
  if (notes.length > MAX_NOTES)
    lines.push(`${notes.length - MAX_NOTES} more notes not listed`)
  return lines
}

/**
 * What to register for masking. Runners mask line by line, so a multi-line
 * value (a PEM block) is registered by its whole body lines too; only pieces
 * safe to mask (util/redact.ts) are ever registered (the rest is redacted).
 */
export function maskable(secret: string): string[] {
  // A value spanning lines never appears whole on one log line.
  const pieces = secret.includes('\n') ? [] : [secret]
  if (secret.includes('\n') || secret.includes('\\n')) {
    for (const line of secret.split(/\\n|\r?\n/)) {
      if (!/^-----(?:BEGIN|END)\b/.test(line.trim())) pieces.push(line.trim())
    }
  }
  return pieces.filter(safeToMask)
}

function noteSummary(notes: readonly SourceNote[]): string {
  const count = (kind: SourceNote['kind']) =>
    notes.filter(n => n.kind === kind).length
  const parts = [
    [count('binary'), 'binary skipped'],
    [count('encoding'), 'non-UTF-8 read as Latin-1'],
    [count('truncated'), 'cut at a size cap'],
    [count('unreadable'), 'not read'],
    [count('minified'), 'with matches on minified lines not reported']
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`)
  return parts.length > 0 ? `; ${parts.join(', ')}` : ''
}
