import { CheckError } from '../../../errors.ts'
import type {
  ChangedFile,
  ChangeProvider,
  CheckContext,
  DiffRange
} from '../../types.ts'
import {
  decode,
  latin1Note,
  MAX_FILE_BYTES,
  type SourceNote,
  type Sources
} from './common.ts'
import { git, hasCommit } from './git.ts'
import type { ScanSource } from '../scan.ts'

/**
 * The change as local git sees it: `base..head` from the event, else
 * HEAD~1..HEAD. A base missing from a shallow checkout is fetched once.
 */
export async function gitChangeProvider(
  ctx: CheckContext
): Promise<ChangeProvider> {
  const range = await resolveRange(ctx)
  const short = (rev: string) =>
    /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 7) : rev
  return {
    range: `${short(range.base)}..${short(range.head)}`,
    async changedFiles() {
      const common = ['--find-renames', range.base, range.head, '--']
      const diff = await git(ctx, [
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--unified=0',
        ...common
      ])
      // Exact paths (spaces, tabs, quotes, newlines, non-ASCII) from -z.
      const raw = await git(ctx, [
        'diff',
        '--raw',
        '-z',
        '--no-abbrev',
        ...common
      ])
      return parseDiff(diff, parseRawPaths(raw))
    },
    async baseText(path) {
      try {
        return decode(await git(ctx, ['show', `${range.base}:${path}`])).text
      } catch {
        return undefined
      }
    }
  }
}

/** The empty tree: the base of a repository's first commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904'

async function resolveRange(ctx: CheckContext): Promise<DiffRange> {
  if (!ctx.diffRange) {
    const parent = (await hasCommit(ctx, 'HEAD~1')) ? 'HEAD~1' : EMPTY_TREE
    if (!(await hasCommit(ctx, 'HEAD'))) {
      throw new CheckError(
        `${ctx.cwd} has no commits to scan (not a git checkout?)`
      )
    }
    return { base: parent, head: 'HEAD' }
  }
  for (const rev of [ctx.diffRange.base, ctx.diffRange.head]) {
    if (await hasCommit(ctx, rev)) continue
    // actions/checkout fetches one commit by default: get the other one.
    try {
      await git(
        ctx,
        ['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', rev],
        5 * 60_000
      )
    } catch (error) {
      throw new CheckError(
        `commit ${rev.slice(0, 12)} is not in the checkout and could not be fetched (${(error as Error).message}); use actions/checkout with fetch-depth: 0`
      )
    }
    if (!(await hasCommit(ctx, rev))) {
      throw new CheckError(
        `commit ${rev.slice(0, 12)} is not in the checkout, even after fetching it`
      )
    }
  }
  return ctx.diffRange
}

/** Unquotes a path git printed in C style ("a\"b", octal bytes). */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path
  const bytes: number[] = []
  const body = path.slice(1, -1)
  for (let i = 0; i < body.length; i++) {
    const char = body[i]
    if (char !== '\\') {
      bytes.push(...Buffer.from(char))
      continue
    }
    const next = body[++i]
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8))
      i += 2
    } else {
      const escapes: Record<string, string> = {
        n: '\n',
        t: '\t',
        '"': '"',
        '\\': '\\',
        a: '\x07',
        b: '\b',
        f: '\f',
        r: '\r',
        v: '\v'
      }
      bytes.push(...Buffer.from(escapes[next] ?? next))
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

const stripPrefix = (path: string) => unquote(path).replace(/^[ab]\//, '')

/** A file's paths as `git diff --raw -z` gives them, byte for byte. */
export interface RawPaths {
  path: string
  oldPath?: string
}

/** Parses `git diff --raw -z`: `:modes shas STATUS\0path\0` (two paths for R and C). */
export function parseRawPaths(raw: Buffer): RawPaths[] {
  const fields = raw.toString('utf8').split('\0')
  const entries: RawPaths[] = []
  for (let i = 0; i < fields.length; i++) {
    const header = fields[i]
    if (!header.startsWith(':')) continue
    const status = header.split(' ').at(-1) ?? ''
    if (/^[RC]/.test(status)) {
      entries.push({ oldPath: fields[i + 1], path: fields[i + 2] })
      i += 2
    } else {
      entries.push({ path: fields[i + 1] })
      i += 1
    }
  }
  return entries
}

/**
 * Parses `git diff --unified=0` output into changed files. With `paths`
 * (from `--raw -z`, same order) each file's path is taken from there, not
 * from the headers, where git quotes, escapes and tab-terminates names.
 */
export function parseDiff(
  diff: Buffer,
  paths?: readonly RawPaths[]
): ChangedFile[] {
  const files: ChangedFile[] = []
  let file:
    | (ChangedFile & { raw: Buffer[]; bytes: number; rawRemoved: Buffer[] })
    | undefined
  let newLine = 0
  let inHunk = false

  const finish = () => {
    if (!file) return
    const joined = decode(
      Buffer.concat(file.raw.flatMap(line => [line, Buffer.from('\n')]))
    )
    const lines = joined.text.split('\n')
    file.added.forEach((entry, index) => (entry.text = lines[index]))
    file.utf8 = joined.utf8
    file.removed = decode(
      Buffer.concat(file.rawRemoved.flatMap(line => [line, Buffer.from('\n')]))
    ).text.split('\n')
    const { raw: _raw, bytes: _bytes, rawRemoved: _rawRemoved, ...done } = file
    files.push(done)
  }

  let start = 0
  while (start < diff.length) {
    let end = diff.indexOf(0x0a, start)
    if (end < 0) end = diff.length
    const line = diff.subarray(start, end)
    start = end + 1
    const first = line[0]

    if (file && inHunk && first === 0x2b /* + */) {
      if (file.bytes + line.length > MAX_FILE_BYTES) {
        file.truncated = true
      } else {
        file.raw.push(line.subarray(1))
        file.added.push({ line: newLine, text: '' })
        file.bytes += line.length
      }
      newLine++
      continue
    }
    if (file && inHunk && first === 0x2d /* - */) {
      if (file.rawRemoved.length < 100_000)
        file.rawRemoved.push(line.subarray(1))
      continue
    }
    if (file && inHunk && (first === 0x20 || first === 0x5c)) {
      if (first === 0x20) newLine++
      continue
    }

    const text = line.toString('utf8')
    if (text.startsWith('diff --git ')) {
      finish()
      const paths = text.slice('diff --git '.length)
      // "a/x b/x": both halves are the same path unless renamed; the
      // headers below correct it when they are not.
      const half = paths.startsWith('"')
        ? paths.slice(0, paths.indexOf('" ') + 1)
        : paths.slice(0, (paths.length - 1) / 2)
      const path = stripPrefix(half)
      file = {
        path,
        status: 'modified',
        added: [],
        removed: [],
        utf8: true,
        truncated: false,
        raw: [],
        bytes: 0,
        rawRemoved: []
      }
      newLine = 0
      inHunk = false
    } else if (!file) {
      continue
    } else if (text.startsWith('new file mode')) {
      file.status = 'added'
    } else if (text.startsWith('deleted file mode')) {
      file.status = 'deleted'
    } else if (text.startsWith('rename from ')) {
      file.oldPath = unquote(text.slice('rename from '.length))
      file.status = 'renamed'
    } else if (text.startsWith('rename to ')) {
      file.path = unquote(text.slice('rename to '.length))
    } else if (text.startsWith('Binary files ')) {
      file.status = 'binary'
    } else if (text.startsWith('+++ ') && !text.startsWith('+++ /dev/null')) {
      file.path = stripPrefix(text.slice(4))
    } else if (text.startsWith('@@ ')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text)
      newLine = hunk ? Number(hunk[1]) : 0
      inHunk = true
    }
  }
  finish()
  if (paths && paths.length === files.length) {
    files.forEach((file, i) => {
      file.path = paths[i].path
      if (paths[i].oldPath !== undefined) file.oldPath = paths[i].oldPath
    })
  }
  return files
}

/** The added lines of a change, one source per file, with notes. */
export function diffSources(
  files: readonly ChangedFile[],
  excluded: (path: string) => boolean
): Sources {
  const sources: ScanSource[] = []
  const notes: SourceNote[] = []
  for (const file of files) {
    if (excluded(file.path)) continue
    if (file.status === 'binary') {
      notes.push({
        kind: 'binary',
        file: file.path,
        message: 'binary file: not scanned'
      })
      continue
    }
    if (file.added.length === 0) continue
    if (!file.utf8) notes.push(latin1Note(file.path))
    if (file.truncated) {
      notes.push({
        kind: 'truncated',
        file: file.path,
        message: `more than ${MAX_FILE_BYTES / 1024 / 1024} MB added: only the first part was scanned`
      })
    }
    sources.push({
      file: file.path,
      text: file.added.map(a => a.text).join('\n'),
      lineNumbers: file.added.map(a => a.line)
    })
  }
  return { sources, notes }
}
