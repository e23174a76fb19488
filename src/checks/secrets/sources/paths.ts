import { lstatSync, readdirSync, realpathSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { CheckContext } from '../../types.ts'
import type { ScanSource } from '../scan.ts'
import type { SourceNote, Sources } from './common.ts'
import { readTracked } from './repo.ts'

/** At most this many files are read for `secrets.paths`. */
export const MAX_PATH_FILES = 5000
/** Directory entries looked at before the walk stops. */
const MAX_ENTRIES = 200_000
/** Folders a glob without a folder part does not descend into. */
const HEAVY = new Set(['.git', 'node_modules'])

/**
 * Files under the working tree matching `secrets.paths` globs, tracked or
 * not (build output, logs). A bounded walk: from each glob's fixed leading
 * folders only, symlinks never followed, at most MAX_PATH_FILES files and
 * MAX_ENTRIES entries, each file read up to the size cap; what was cut is
 * said in a note.
 */
export async function pathSources(
  ctx: CheckContext,
  globs: readonly string[],
  matches: (path: string) => boolean,
  excluded: (path: string) => boolean
): Promise<Sources> {
  const root = realpathSync(ctx.cwd)
  const sources: ScanSource[] = []
  const notes: SourceNote[] = []
  const seen = new Set<string>()
  let entries = 0
  let capped = false

  const starts = [...new Set(globs.map(fixedFolder))]
  const stack = starts.filter(start => isDirectory(join(root, start)))
  while (stack.length > 0) {
    const folder = stack.pop() as string
    let names: string[]
    try {
      names = readdirSync(join(root, folder))
    } catch {
      continue
    }
    for (const name of names) {
      if (++entries > MAX_ENTRIES || sources.length >= MAX_PATH_FILES) {
        capped = true
        break
      }
      const path = folder === '' ? name : `${folder}/${name}`
      const full = join(root, path)
      let info
      try {
        info = lstatSync(full)
      } catch {
        continue
      }
      if (info.isSymbolicLink()) continue
      if (info.isDirectory()) {
        if (!(folder === '' && HEAVY.has(name) && !starts.includes(name)))
          stack.push(path)
        continue
      }
      if (!info.isFile() || seen.has(path)) continue
      if (!matches(path) || excluded(path)) continue
      seen.add(path)
      if (sources.length % 64 === 63) {
        await new Promise(setImmediate)
        ctx.signal.throwIfAborted()
      }
      const read = readTracked(full, path)
      if (read.source) sources.push(read.source)
      notes.push(...read.notes)
    }
    if (capped) break
  }
  if (capped) {
    notes.push({
      kind: 'truncated',
      message: `secrets.paths: the walk stopped at ${MAX_PATH_FILES} files or ${MAX_ENTRIES} entries; narrow the globs`
    })
  }
  return { sources, notes }
}

/** The folders before a glob's first wildcard (`dist/**` → `dist`; `*.log` → the root). */
function fixedFolder(glob: string): string {
  const parts = glob.replace(/^\.\//, '').split('/')
  const fixed: string[] = []
  for (const part of parts.slice(0, -1)) {
    if (/[*?{[]/.test(part)) break
    fixed.push(part)
  }
  const folder = fixed.join('/')
  // Never above the workspace.
  return relative('.', folder).split(sep).includes('..') ? '' : folder
}

function isDirectory(full: string): boolean {
  try {
    return lstatSync(full).isDirectory()
  } catch {
    return false
  }
}
