import { readdirSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import * as yarnClassic from '@yarnpkg/lockfile'
import { parseSyml } from '@yarnpkg/parsers'
import { parseDocument, isMap, isScalar, type Pair } from 'yaml'
import { CheckError } from '../../errors.ts'
import { lineAt, lineStarts } from '../../util/lines.ts'

/** One installed package as a lockfile pins it. */
export interface LockedPackage {
  name: string
  version: string
  /** Reached only through devDependencies (as far as the format says). */
  dev: boolean
  /** 1-based line of its entry in the lockfile. */
  line: number
}

export const LOCKFILE_NAMES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock'
] as const

/** The walk for lockfiles stops here, however large the workspace. */
const MAX_DIRECTORIES = 5_000
const MAX_DEPTH = 8
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn'])

/**
 * Lockfiles in the workspace, repo-relative, sorted; `node_modules` and VCS
 * folders are never entered, symlinks never followed.
 */
export function findLockfiles(cwd: string): string[] {
  const found: string[] = []
  const queue: { dir: string; depth: number }[] = [{ dir: cwd, depth: 0 }]
  for (let seen = 0; queue.length > 0 && seen < MAX_DIRECTORIES; seen++) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number }
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (
        entry.isDirectory() &&
        !SKIPPED.has(entry.name) &&
        depth < MAX_DEPTH
      ) {
        queue.push({ dir: path, depth: depth + 1 })
      } else if (
        entry.isFile() &&
        (LOCKFILE_NAMES as readonly string[]).includes(entry.name)
      ) {
        found.push(relative(cwd, path).split('\\').join('/'))
      }
    }
  }
  return found.sort()
}

/** Parses any supported lockfile; a file that does not parse is a CheckError naming it. */
export function parseLockfile(path: string, text: string): LockedPackage[] {
  const name = basename(path)
  try {
    if (name === 'pnpm-lock.yaml') return parsePnpm(text)
    if (name === 'yarn.lock') {
      return text.includes('__metadata:')
        ? parseYarnBerry(text)
        : parseYarnClassic(text)
    }
    return parseNpm(text)
  } catch (error) {
    if (error instanceof CheckError)
      throw new CheckError(`${path}: ${error.message}`)
    throw new CheckError(`${path} does not parse: ${oneLine(error)}`)
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0].slice(0, 200)
}

/** Line numbers of `"key": {` object keys, in order, for npm lockfiles. */
function keyLines(text: string): Map<string, number[]> {
  const lines = new Map<string, number[]>()
  const pattern = /^\s*"((?:[^"\\]|\\.){1,500})":\s*\{/gm
  let lineNo = 1
  let last = 0
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) lineNo++
    last = m.index
    const list = lines.get(m[1]) ?? []
    list.push(lineNo + (text[m.index] === '\n' ? 1 : 0))
    lines.set(m[1], list)
  }
  return lines
}

interface NpmEntry {
  name?: string
  version?: string
  dev?: boolean
  link?: boolean
  dependencies?: Record<string, NpmEntry>
}

/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. */
function parseNpm(text: string): LockedPackage[] {
  let data: {
    lockfileVersion?: number
    packages?: Record<string, NpmEntry>
    dependencies?: Record<string, NpmEntry>
  }
  try {
    data = JSON.parse(text)
  } catch (error) {
    const at = /position (\d+)/.exec(oneLine(error))
    const line = at
      ? text.slice(0, Number(at[1])).split('\n').length
      : undefined
    throw new CheckError(
      `invalid JSON${line ? ` at line ${line}` : ''}: ${oneLine(error)}`
    )
  }
  if (typeof data !== 'object' || data === null)
    throw new CheckError('not a lockfile object')
  const lines = keyLines(text)
  const lineOf = (key: string, nth = 0) => lines.get(key)?.[nth] ?? 1
  const out: LockedPackage[] = []
  if (data.packages && (data.lockfileVersion ?? 0) >= 2) {
    for (const [key, entry] of Object.entries(data.packages)) {
      if (key === '' || entry.link || !entry.version) continue
      const at = key.lastIndexOf('node_modules/')
      if (at < 0) continue // a workspace folder, not an installed package
      out.push({
        name: entry.name ?? key.slice(at + 'node_modules/'.length),
        version: entry.version,
        dev: entry.dev === true,
        line: lineOf(key)
      })
    }
    return out
  }
  // v1: a nested `dependencies` tree; the n-th entry of a name is the n-th key.
  const seen = new Map<string, number>()
  const walk = (deps: Record<string, NpmEntry> | undefined) => {
    for (const [name, entry] of Object.entries(deps ?? {})) {
      const nth = seen.get(name) ?? 0
      seen.set(name, nth + 1)
      if (entry.version && !entry.version.startsWith('file:')) {
        out.push({
          name,
          version: entry.version,
          dev: entry.dev === true,
          line: lineOf(name, nth)
        })
      }
      walk(entry.dependencies)
    }
  }
  walk(data.dependencies)
  return out
}

/** pnpm-lock.yaml v6–v9: `/name@version` (v6) or `name@version` (v9) keys. */
function parsePnpm(text: string): LockedPackage[] {
  const doc = parseDocument(text, { uniqueKeys: false })
  if (doc.errors.length > 0) {
    const [error] = doc.errors
    throw new CheckError(
      `invalid YAML at line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0]}`
    )
  }
  const root = doc.contents
  if (!isMap(root)) throw new CheckError('not a pnpm lockfile')
  const packages = root.get('packages', true)
  if (packages === undefined) return []
  if (!isMap(packages)) throw new CheckError('`packages` is not a map')
  const lock = doc.toJS({ maxAliasCount: 100 }) as PnpmLock
  const devDirect = pnpmDevOnlyDirect(lock)
  const starts = lineStarts(text)
  const out: LockedPackage[] = []
  for (const pair of packages.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (!key) continue
    const parsed = pnpmKey(key)
    if (!parsed) continue
    const value = lock.packages?.[key]
    const offset = (pair.key as { range?: [number] }).range?.[0] ?? 0
    out.push({
      ...parsed,
      dev:
        value?.dev === true ||
        devDirect.has(`${parsed.name}@${parsed.version}`),
      line: lineAt(starts, offset) + 1
    })
  }
  return out
}

interface PnpmLock {
  packages?: Record<string, { dev?: boolean } | null>
  importers?: Record<string, PnpmImporter>
  dependencies?: PnpmImporter['dependencies']
  devDependencies?: PnpmImporter['devDependencies']
}
interface PnpmImporter {
  dependencies?: Record<string, string | { version: string }>
  devDependencies?: Record<string, string | { version: string }>
}

/**
 * v9 drops the per-package `dev` flag: a package named only under some
 * importer's devDependencies (never its dependencies) is dev-only.
 * Transitive ones are audited as production, the safe side.
 */
function pnpmDevOnlyDirect(lock: PnpmLock): Set<string> {
  const importers = lock.importers ?? { '.': lock }
  const prod = new Set<string>()
  const dev = new Set<string>()
  const add = (into: Set<string>, deps: PnpmImporter['dependencies']) => {
    for (const [name, spec] of Object.entries(deps ?? {})) {
      const version = (typeof spec === 'string' ? spec : spec.version).split(
        '('
      )[0]
      into.add(`${name}@${version}`)
    }
  }
  for (const importer of Object.values(importers)) {
    add(prod, importer.dependencies)
    add(dev, importer.devDependencies)
  }
  return new Set([...dev].filter(key => !prod.has(key)))
}

/** `/name@1.2.3`, `/@scope/name@1.2.3(peer@1)`, `name@1.2.3`, `/name/1.2.3` (v5). */
function pnpmKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').split('(')[0]
  const at = bare.lastIndexOf('@')
  if (at > 0) return { name: bare.slice(0, at), version: bare.slice(at + 1) }
  const slash = bare.lastIndexOf('/')
  return slash > 0
    ? { name: bare.slice(0, slash), version: bare.slice(slash + 1) }
    : undefined
}

/** yarn.lock entry headers (unindented, ending in `:`): each descriptor → its line. */
function yarnDescriptorLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  text.split('\n').forEach((line, index) => {
    if (!/^[^\s#].*:\s*$/.test(line)) return
    for (const descriptor of line.replace(/:\s*$/, '').split(',')) {
      lines.set(unquote(descriptor), index + 1)
    }
  })
  return lines
}

const unquote = (text: string) => text.trim().replace(/^"|"$/g, '')

/** The package name of a descriptor: `name@range`, `@scope/name@npm:range`. */
function descriptorName(descriptor: string): string {
  const clean = unquote(descriptor)
  const at = clean.indexOf('@', 1)
  return at > 0 ? clean.slice(0, at) : clean
}

function yarnEntries(
  object: Record<string, { version?: string }>,
  text: string,
  skip: (descriptor: string) => boolean
): LockedPackage[] {
  const lines = yarnDescriptorLines(text)
  const out: LockedPackage[] = []
  const seen = new Set<string>()
  for (const [descriptors, entry] of Object.entries(object)) {
    const first = unquote(descriptors.split(',')[0])
    if (!entry?.version || skip(first)) continue
    const name = descriptorName(first)
    const key = `${name}@${entry.version}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({
      name,
      version: entry.version,
      dev: false,
      line: lines.get(first) ?? 1
    })
  }
  return out
}

/** yarn.lock v1 (classic). Dev-only cannot be told from it: all audited. */
function parseYarnClassic(text: string): LockedPackage[] {
  const parsed = yarnClassic.parse(text)
  if (parsed.type === 'conflict')
    throw new CheckError('has unresolved merge conflicts')
  return yarnEntries(parsed.object, text, () => false)
}

/** yarn.lock of Yarn 2+ (berry); workspace and patch entries are not packages. */
function parseYarnBerry(text: string): LockedPackage[] {
  const parsed = parseSyml(text) as Record<string, { version?: string }>
  delete parsed.__metadata
  return yarnEntries(parsed, text, d =>
    /@(?:workspace|link|portal|file|patch):/.test(d)
  )
}
