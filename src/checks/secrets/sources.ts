import { execFile } from 'node:child_process'
import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs'
import { resolve } from 'node:path'
import { Parser } from 'htmlparser2'
import type { HttpResponse } from '../../net/http.ts'
import { CheckError, type CheckContext, type DiffRange } from '../types.ts'
import type { ScanSource } from './scan.ts'

/** Something the scan could not read as a whole, said once per file. */
export interface SourceNote {
  kind: 'binary' | 'encoding' | 'truncated' | 'unreadable' | 'source'
  /** Repository path or URL, when the note is about one. */
  file?: string
  message: string
}

/** Text to scan plus what was skipped on the way. */
export interface Sources {
  sources: ScanSource[]
  notes: SourceNote[]
}

/** A changed file's added lines would be cut past this many bytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024
/** Largest `git diff` output read; bigger changes are an error, not a guess. */
const MAX_DIFF_BYTES = 256 * 1024 * 1024
/** Git commands other than fetch must finish within this. */
const GIT_TIMEOUT_MS = 120_000

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** Decodes UTF-8, or Latin-1 byte for byte, so ASCII secrets are still seen. */
function decode(bytes: Uint8Array): { text: string; utf8: boolean } {
  try {
    return { text: UTF8.decode(bytes), utf8: true }
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), utf8: false }
  }
}

const latin1Note = (file: string): SourceNote => ({
  kind: 'encoding',
  file,
  message: 'not UTF-8: read as Latin-1'
})

// ---------------------------------------------------------------- git

/** Runs git in `cwd` without a shell; failures become one-line CheckErrors. */
export function git(
  ctx: Pick<CheckContext, 'cwd' | 'env' | 'signal'>,
  args: readonly string[],
  timeoutMs = GIT_TIMEOUT_MS
): Promise<Buffer> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      ['-c', 'core.quotePath=false', ...args],
      {
        cwd: ctx.cwd,
        encoding: 'buffer',
        maxBuffer: MAX_DIFF_BYTES,
        timeout: timeoutMs,
        signal: ctx.signal,
        // Never wait for a credential prompt on a fetch.
        env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0' }
      },
      (error, stdout, stderr) => {
        if (!error) return done(stdout)
        const code = (error as { code?: unknown }).code
        if (code === 'ENOENT')
          return fail(new CheckError('git is not installed or not on PATH'))
        if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return fail(
            new CheckError(
              `git ${args[0]} printed more than ${MAX_DIFF_BYTES / 1024 / 1024} MB`
            )
          )
        }
        const reason =
          stderr.toString('utf8').trim().split('\n').at(-1) ||
          (error as Error).message.split('\n')[0]
        fail(new CheckError(`git ${args[0]} failed: ${reason}`))
      }
    )
  })
}

async function hasCommit(ctx: CheckContext, rev: string): Promise<boolean> {
  try {
    await git(ctx, ['cat-file', '-e', `${rev}^{commit}`])
    return true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- diff

/** One file of a change: its added lines, numbered as in the new file. */
export interface ChangedFile {
  path: string
  /** The path before a rename. */
  oldPath?: string
  status: 'added' | 'modified' | 'renamed' | 'deleted' | 'binary'
  /** Added lines, in order, with their line numbers in the new file. */
  added: { line: number; text: string }[]
  /** Text of removed lines: a secret seen here was already in the base. */
  removed: string[]
  utf8: boolean
  truncated: boolean
}

/**
 * Where a change's added lines come from. Local git is the first provider;
 * another (the GitHub API, when git cannot fetch the base) can implement the
 * same two calls and feed the same scan.
 */
export interface ChangeProvider {
  /** A label for the range, e.g. `abc1234..def5678`. */
  readonly range: string
  /** Files the change touched, with their added and removed lines. */
  changedFiles(): Promise<ChangedFile[]>
  /** A file's text before the change, to tell new secrets from old ones. */
  baseText(path: string): Promise<string | undefined>
}

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
      const diff = await git(ctx, [
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--unified=0',
        '--find-renames',
        range.base,
        range.head,
        '--'
      ])
      return parseDiff(diff)
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

/** Parses `git diff --unified=0` output into changed files. */
export function parseDiff(diff: Buffer): ChangedFile[] {
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

// ---------------------------------------------------------------- repo

/** Files read between two yields to the event loop. */
const READ_BATCH = 64

/**
 * Every tracked file of the working tree, read up to the size cap. Reads are
 * synchronous (one call per file instead of four through the thread pool:
 * 3x faster on many small files), yielding to the event loop every
 * READ_BATCH files so other checks keep running.
 */
export async function repoSources(
  ctx: CheckContext,
  excluded: (path: string) => boolean
): Promise<Sources> {
  const listing = await git(ctx, ['ls-files', '-z', '--cached'])
  const paths = [
    ...new Set(listing.toString('utf8').split('\0').filter(Boolean))
  ].filter(path => !excluded(path))
  const sources: ScanSource[] = []
  const notes: SourceNote[] = []
  for (const [index, path] of paths.entries()) {
    if (index % READ_BATCH === READ_BATCH - 1) {
      await new Promise(setImmediate)
      ctx.signal.throwIfAborted()
    }
    const read = readTracked(resolve(ctx.cwd, path), path)
    if (read.source) sources.push(read.source)
    notes.push(...read.notes)
  }
  return { sources, notes }
}

/** Reads one tracked file as text, or says why it was skipped or cut. */
export function readTracked(
  full: string,
  path: string
): { source?: ScanSource; notes: SourceNote[] } {
  try {
    const info = lstatSync(full)
    // Symlinks, submodules, files deleted in the working tree.
    if (!info.isFile()) return { notes: [] }
    let bytes: Buffer
    if (info.size <= MAX_FILE_BYTES) {
      bytes = readFileSync(full)
    } else {
      bytes = Buffer.alloc(MAX_FILE_BYTES)
      const fd = openSync(full, 'r')
      try {
        readSync(fd, bytes, 0, MAX_FILE_BYTES, 0)
      } finally {
        closeSync(fd)
      }
    }
    if (bytes.subarray(0, 8000).includes(0)) {
      return {
        notes: [
          { kind: 'binary', file: path, message: 'binary file: not scanned' }
        ]
      }
    }
    const notes: SourceNote[] = []
    if (info.size > MAX_FILE_BYTES) {
      notes.push({
        kind: 'truncated',
        file: path,
        message: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: only the first part was scanned`
      })
    }
    const { text, utf8 } = decode(bytes)
    if (!utf8) notes.push(latin1Note(path))
    return { source: { file: path, text }, notes }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return {
      notes: [
        {
          kind: 'unreadable',
          file: path,
          message: `could not be read: ${code}`
        }
      ]
    }
  }
}

// ---------------------------------------------------------------- bundle

/** At most this many scripts and styles are fetched per run. */
export const MAX_ASSETS = 50
/** At most this many source maps are fetched per run. */
export const MAX_SOURCE_MAPS = 50
/** Reading stops once this many bytes came back in total. */
export const MAX_BUNDLE_BYTES = 50 * 1024 * 1024
const MAX_REDIRECTS = 5

/**
 * The HTML pages at `paths` on the target, the same-origin scripts and
 * styles they load, and the source maps those reference (whose
 * `sourcesContent` holds the original sources).
 */
export async function bundleSources(
  ctx: CheckContext,
  paths: readonly string[],
  excluded: (path: string) => boolean
): Promise<Sources & { crossOrigin: number }> {
  if (!ctx.target) {
    throw new CheckError(
      'no target URL to read the bundle from: set target in the policy, the url input or --url'
    )
  }
  const origin = ctx.target.origin
  const sources: ScanSource[] = []
  const notes: SourceNote[] = []
  let budget = MAX_BUNDLE_BYTES
  const seen = new Set<string>()
  const isExcluded = (url: URL) => excluded(url.pathname.replace(/^\//, ''))

  const fetchText = async (
    url: URL
  ): Promise<{ res: HttpResponse; text: string } | undefined> => {
    let current = url
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const res = await ctx.http.send({
        url: current,
        signal: ctx.signal,
        maxBodyBytes: Math.max(1, Math.min(MAX_FILE_BYTES, budget))
      })
      const location = res.headers.location
      if (
        res.status >= 300 &&
        res.status < 400 &&
        typeof location === 'string'
      ) {
        const next = new URL(location, current)
        if (next.origin !== origin) {
          notes.push({
            kind: 'unreadable',
            file: url.href,
            message: `redirects to another origin (${next.origin}): not followed`
          })
          return undefined
        }
        current = next
        continue
      }
      if (res.status < 200 || res.status >= 300) {
        notes.push({
          kind: 'unreadable',
          file: url.href,
          message: `answered ${res.status}: not scanned`
        })
        return undefined
      }
      budget -= res.body.length
      if (res.truncated) {
        notes.push({
          kind: 'truncated',
          file: url.href,
          message: `larger than ${res.body.length} bytes: only the first part was scanned`
        })
      }
      const { text, utf8 } = decode(res.body)
      if (!utf8) notes.push(latin1Note(url.href))
      return { res, text }
    }
    notes.push({
      kind: 'unreadable',
      file: url.href,
      message: `more than ${MAX_REDIRECTS} redirects: not followed`
    })
    return undefined
  }

  let crossOrigin = 0
  const assets: URL[] = []
  let pagesRead = 0
  for (const path of paths) {
    const url = new URL(path, ctx.target)
    const page = await fetchText(url)
    if (!page) continue
    pagesRead++
    sources.push({ file: url.href, text: page.text })
    for (const ref of assetReferences(page.text, url)) {
      if (ref.origin !== origin) {
        crossOrigin++
        continue
      }
      if (seen.has(ref.href) || isExcluded(ref)) continue
      seen.add(ref.href)
      assets.push(ref)
    }
  }
  if (pagesRead === 0) {
    const reasons = notes.map(n => `${n.file} ${n.message}`).join('; ')
    throw new CheckError(`no page of the bundle could be read: ${reasons}`)
  }
  if (assets.length > MAX_ASSETS) {
    notes.push({
      kind: 'truncated',
      file: ctx.target.href,
      message: `${assets.length} scripts and styles: only the first ${MAX_ASSETS} were scanned`
    })
  }

  let maps = 0
  for (const asset of assets.slice(0, MAX_ASSETS)) {
    if (budget <= 0) {
      notes.push({
        kind: 'truncated',
        file: asset.href,
        message: `over the ${MAX_BUNDLE_BYTES / 1024 / 1024} MB bundle budget: not scanned`
      })
      continue
    }
    const got = await fetchText(asset)
    if (!got) continue
    sources.push({ file: asset.href, text: got.text, minified: true })

    const mapRef = sourceMapReference(got.res, got.text)
    if (!mapRef) continue
    if (mapRef.startsWith('data:')) {
      const inline = decodeDataUrl(mapRef)
      if (inline !== undefined)
        sources.push(
          ...sourcesFromMap(inline, `${asset.href}#sourcemap`, notes)
        )
      continue
    }
    const mapUrl = new URL(mapRef, asset)
    if (mapUrl.origin !== origin || seen.has(mapUrl.href)) continue
    seen.add(mapUrl.href)
    if (++maps > MAX_SOURCE_MAPS) continue
    const map = await fetchText(mapUrl)
    if (map) sources.push(...sourcesFromMap(map.text, mapUrl.href, notes))
  }
  if (maps > MAX_SOURCE_MAPS) {
    notes.push({
      kind: 'truncated',
      file: ctx.target.href,
      message: `${maps} source maps: only the first ${MAX_SOURCE_MAPS} were scanned`
    })
  }
  return { sources, notes, crossOrigin }
}

/** Scripts and styles a page loads, resolved against its URL (and `<base>`). */
export function assetReferences(html: string, pageUrl: URL): URL[] {
  const refs: URL[] = []
  let base = pageUrl
  const add = (value: string | undefined) => {
    if (!value || value.startsWith('data:')) return
    try {
      refs.push(new URL(value, base))
    } catch {
      // An unparsable src is the page's bug, not a place a secret can hide.
    }
  }
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'base' && attrs.href) {
        try {
          base = new URL(attrs.href, pageUrl)
        } catch {
          // keep the page URL
        }
      } else if (name === 'script') {
        add(attrs.src)
      } else if (name === 'link') {
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/)
        const as = (attrs.as ?? '').toLowerCase()
        if (
          rel.includes('stylesheet') ||
          rel.includes('modulepreload') ||
          (rel.includes('preload') && (as === 'script' || as === 'style'))
        ) {
          add(attrs.href)
        }
      }
    }
  })
  parser.write(html)
  parser.end()
  return refs
}

/** A script's source map: the SourceMap header, else its last sourceMappingURL comment. */
export function sourceMapReference(
  res: HttpResponse,
  text: string
): string | undefined {
  const header = res.headers.sourcemap ?? res.headers['x-sourcemap']
  if (typeof header === 'string' && header.trim()) return header.trim()
  // The comment ends the file; don't run a regex over megabytes for it.
  const tail = text.slice(Math.max(0, text.length - 65_536))
  const matches = [...tail.matchAll(/[#@] sourceMappingURL=([^\s'"*]+)/g)]
  return matches.at(-1)?.[1]
}

function decodeDataUrl(url: string): string | undefined {
  const comma = url.indexOf(',')
  if (comma < 0) return undefined
  const meta = url.slice(5, comma)
  const data = url.slice(comma + 1)
  try {
    return meta.endsWith(';base64')
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeURIComponent(data)
  } catch {
    return undefined
  }
}

/** The original sources a map carries, each named `<map URL>#<source>`. */
export function sourcesFromMap(
  text: string,
  mapUrl: string,
  notes: SourceNote[]
): ScanSource[] {
  let map: { sources?: unknown; sourcesContent?: unknown }
  try {
    map = JSON.parse(text) as typeof map
  } catch {
    notes.push({
      kind: 'unreadable',
      file: mapUrl,
      message: 'source map is not JSON: not scanned'
    })
    return []
  }
  const names = Array.isArray(map.sources) ? map.sources : []
  const contents = Array.isArray(map.sourcesContent) ? map.sourcesContent : []
  return contents.flatMap((content, index) =>
    typeof content === 'string'
      ? [{ file: `${mapUrl}#${String(names[index] ?? index)}`, text: content }]
      : []
  )
}
