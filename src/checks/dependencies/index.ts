import { readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckError } from '../../errors.ts'
import type { Policy } from '../../policy/schema.ts'
import { errorMessage } from '../../util/errors.ts'
import { failedOutcome } from '../outcome.ts'
import { globMatcher } from '../secrets/glob.ts'
import { git } from '../secrets/sources/git.ts'
import { skippedUnit } from '../skip.ts'
import type {
  Check,
  CheckContext,
  Finding,
  Unit,
  UnitOutcome
} from '../types.ts'
import {
  CachedSource,
  githubAdvisories,
  npmAdvisories,
  normaliseSeverity,
  SEVERITY_RANK,
  type Advisory
} from './advisories.ts'
import {
  findLockfiles,
  parseLockfile,
  type LockedPackage
} from './lockfiles.ts'

export type DependenciesSection = NonNullable<Policy['dependencies']>

/** A lockfile larger than this is not a lockfile a person keeps. */
const MAX_LOCKFILE_BYTES = 64 * 1024 * 1024

const DEFAULT_GITHUB_API = 'https://api.github.com'
const DEFAULT_REGISTRY = 'https://registry.npmjs.org/'

/**
 * `dependencies`: one check per lockfile in the workspace (outside
 * node_modules, less `exclude`), each package matched against the advisory
 * source once per run.
 */
export const dependenciesCheck: Check<'dependencies'> = {
  kind: 'dependencies',
  // Nothing goes to the target: lockfiles are read from the workspace and
  // looked up at the advisory source, 100 (GitHub) or 500 (npm) a request.
  plan: section => ({
    maxRequests: 0,
    maxMs: 0,
    basis: `no request to the target; ${section.source === 'npm' ? 'the npm registry: 1 request per 500 package names' : 'GitHub advisories: 1 request per 100 packages, paginated'}`
  }),
  units(section, _policy, _target, cwd = process.cwd()) {
    const excluded = globMatcher(section.exclude)
    const lockfiles = findLockfiles(cwd).filter(path => !excluded(path))
    if (lockfiles.length === 0) {
      return [
        skippedUnit(
          'dependencies',
          ['dependencies'],
          'no lockfile in the workspace'
        )
      ]
    }
    let source: CachedSource | undefined
    return lockfiles.map((path): Unit => ({
      name: path,
      level: section.level ?? 'error',
      policyPath: ['dependencies'],
      run: ctx => {
        source ??= new CachedSource(advisorySource(section, ctx))
        return auditLockfile(path, section, source, ctx)
      }
    }))
  }
}

function advisorySource(section: DependenciesSection, ctx: CheckContext) {
  if (section.source === 'npm') {
    return npmAdvisories(
      ctx.env.npm_config_registry || npmrcRegistry(ctx) || DEFAULT_REGISTRY
    )
  }
  return githubAdvisories(
    ctx.env.GITHUB_API_URL || DEFAULT_GITHUB_API,
    ctx.env.GITHUB_TOKEN || undefined
  )
}

/** `registry=` from the workspace's `.npmrc`, if any. */
function npmrcRegistry(ctx: CheckContext): string | undefined {
  try {
    const text = readFileSync(join(ctx.cwd, '.npmrc'), 'utf8')
    return /^\s*registry\s*=\s*(\S+)\s*$/m.exec(text)?.[1]
  } catch {
    return undefined
  }
}

async function readLockfile(cwd: string, path: string): Promise<string> {
  const full = join(cwd, path)
  const info = await stat(full)
  if (info.size > MAX_LOCKFILE_BYTES) {
    throw new CheckError(
      `${path} is larger than ${MAX_LOCKFILE_BYTES / 1024 / 1024} MB`
    )
  }
  return readFile(full, 'utf8')
}

async function auditLockfile(
  path: string,
  section: DependenciesSection,
  source: CachedSource,
  ctx: CheckContext
): Promise<UnitOutcome> {
  const all = parseLockfile(path, await readLockfile(ctx.cwd, path))
  const packages = section.dev ? all : all.filter(p => !p.dev)
  const notes: string[] = []
  const base = section.new_only
    ? await baseVersions(path, ctx, notes)
    : undefined
  const audited = base
    ? packages.filter(p => !base.has(`${p.name}@${p.version}`))
    : packages
  const found = await source.lookup(audited, ctx.signal)

  const failAt = SEVERITY_RANK[normaliseSeverity(section.fail_on)]
  const today = new Date().toISOString().slice(0, 10)
  const findings: Finding[] = []
  let below = 0
  let ignored = 0
  for (const pkg of audited) {
    for (const advisory of found.get(`${pkg.name}@${pkg.version}`) ?? []) {
      if (SEVERITY_RANK[advisory.severity] < failAt) {
        below++
        continue
      }
      const ignore = section.ignore.find(i => matchesId(i.id, advisory))
      if (ignore && (!ignore.until || ignore.until >= today)) {
        ignored++
        continue
      }
      findings.push(
        ignore
          ? expiredIgnoreFinding(path, pkg, advisory, ignore)
          : advisoryFinding(path, pkg, advisory)
      )
    }
  }
  if (section.dev === false && all.length > packages.length) {
    notes.push(
      `${all.length - packages.length} dev-only packages not audited (dev: false)`
    )
  }
  if (below > 0) {
    notes.push(
      `${below} advisories below fail_on (${section.fail_on}) not reported`
    )
  }
  if (ignored > 0) notes.push(`${ignored} advisories ignored by the policy`)
  const metrics = {
    packages: packages.length,
    audited: audited.length,
    vulnerable: findings.length,
    ignored,
    api_calls: source.source.calls
  }
  if (findings.length > 0) {
    return { ...failedOutcome(findings, metrics), notes }
  }
  const what = base
    ? `${audited.length} packages this change adds or moves`
    : `${audited.length} packages`
  return {
    ok: true,
    summary: `no known vulnerability at ${section.fail_on} or above in ${what} (${source.source.label})`,
    metrics,
    notes
  }
}

function matchesId(id: string, advisory: Advisory): boolean {
  const wanted = id.toUpperCase()
  return (
    advisory.id.toUpperCase() === wanted ||
    advisory.cve?.toUpperCase() === wanted
  )
}

function describe(pkg: LockedPackage, advisory: Advisory): string {
  const ids = advisory.cve ? `${advisory.id} (${advisory.cve})` : advisory.id
  const title = advisory.title ? `: ${advisory.title}` : ''
  return `${pkg.name}@${pkg.version}: ${ids} ${advisory.severity}${title}`
}

function advisoryFinding(
  path: string,
  pkg: LockedPackage,
  advisory: Advisory
): Finding {
  const fix = advisory.fixed
    ? `; fixed in ${advisory.fixed}`
    : '; no fixed version yet'
  return {
    rule: advisory.id,
    file: path,
    line: pkg.line,
    message: describe(pkg, advisory) + fix
  }
}

function expiredIgnoreFinding(
  path: string,
  pkg: LockedPackage,
  advisory: Advisory,
  ignore: DependenciesSection['ignore'][number]
): Finding {
  return {
    rule: advisory.id,
    file: path,
    line: pkg.line,
    message: `${describe(pkg, advisory)}; its ignore expired on ${ignore.until} (${ignore.reason})`
  }
}

/**
 * name@version of every package in the lockfile at the change's base, read
 * with git. A lockfile the base does not have makes every package new.
 */
async function baseVersions(
  path: string,
  ctx: CheckContext,
  notes: string[]
): Promise<Set<string> | undefined> {
  if (!ctx.diffRange) {
    notes.push(
      'new_only applies to pull requests and pushes: every package was audited'
    )
    return undefined
  }
  let text: string
  try {
    text = (await git(ctx, ['show', `${ctx.diffRange.base}:${path}`])).toString(
      'utf8'
    )
  } catch (error) {
    const message = errorMessage(error)
    if (/does not exist|exists on disk, but not in/.test(message))
      return new Set()
    notes.push(
      `the base lockfile could not be read (${message}): every package was audited`
    )
    return undefined
  }
  return new Set(
    parseLockfile(`${path} at the base`, text).map(
      p => `${p.name}@${p.version}`
    )
  )
}
