import { createHash } from 'node:crypto'
import { statusOf, type Octokit } from './client.ts'
import type { Repo } from './checks.ts'

export interface BranchStoreOptions {
  octokit: Octokit
  repo: Repo
  /** The data branch, e.g. `launch-gate-history`; created on first write. */
  branch: string
  /** The gate key (§7.0): one JSON Lines file per gate. */
  key: string
  /** Login whose commits are trusted (§7.0 gate author), e.g. `github-actions[bot]`. */
  author: string
  warn(message: string): void
}

/** What the last read saw, for an optimistic write on top of it. */
interface Seen {
  branchExists: boolean
  /** Git blob sha of the file as read, undefined when it does not exist. */
  blobSha?: string
  /** The text to build on: '' when the file is missing or not trusted. */
  text: string
}

/** A conflict is answered by reading again, not by resending (the retry plugin would). */
const NO_RETRY = { retries: 0 }

/** Writers that raced this one get this many tries in all. */
const ATTEMPTS = 3

/**
 * History on a data branch through the REST API, no checkout: a run reads
 * with 2 calls (the file's last commit, for its author; the file at that
 * commit, raw, so the 1 MB limit of the JSON contents answer does not
 * apply) and writes with 1 (contents PUT carrying the blob sha it read; a
 * 409 means another run wrote first: read again and retry). The first write
 * creates the orphan branch (tree, commit, ref).
 */
export class BranchHistoryStore {
  readonly where: string
  readonly file: string
  private readonly options: BranchStoreOptions
  private seen: Seen | undefined
  private warnedUntrusted = false

  constructor(options: BranchStoreOptions) {
    this.options = options
    this.file = historyFileName(options.key)
    this.where = `branch ${options.branch}, ${this.file}`
  }

  async read(): Promise<string> {
    const { octokit, repo, branch, author } = this.options
    let last: { sha: string; author?: { login?: string } | null } | undefined
    try {
      const { data } = await octokit.rest.repos.listCommits({
        ...repo,
        sha: branch,
        path: this.file,
        per_page: 1
      })
      last = data[0]
    } catch (error) {
      // 404: no such branch yet; 409: the repository is empty.
      const status = statusOf(error)
      if (status !== 404 && status !== 409) throw error
      this.seen = { branchExists: false, text: '' }
      return ''
    }
    if (!last) {
      this.seen = { branchExists: true, text: '' }
      return ''
    }
    const { data } = await octokit.request(
      'GET /repos/{owner}/{repo}/contents/{path}',
      { ...repo, path: this.file, ref: last.sha, mediaType: { format: 'raw' } }
    )
    const bytes = rawBytes(data)
    const text = bytes.toString('utf8')
    const blobSha = gitBlobSha(bytes)
    const writer = last.author?.login
    if (writer !== author) {
      if (!this.warnedUntrusted) {
        this.options.warn(
          `history ${this.where}: last written by ${writer ? `'${writer}'` : 'an unknown author'}, not the gate author '${author}': ignored, and started over on the next write`
        )
        this.warnedUntrusted = true
      }
      this.seen = { branchExists: true, blobSha, text: '' }
      return ''
    }
    this.seen = { branchExists: true, blobSha, text }
    return text
  }

  async update(change: (text: string) => string): Promise<void> {
    try {
      await this.write(change)
    } catch (error) {
      const status = statusOf(error)
      if (status === 403 || status === 404) {
        throw new Error(
          `the token may not write to the repository (${status}): give the job \`contents: write\` to keep history; the gate goes on without it`,
          { cause: error }
        )
      }
      throw error
    }
  }

  private async write(change: (text: string) => string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (!this.seen || attempt > 1) await this.read()
      const seen = this.seen as Seen
      try {
        if (seen.branchExists) await this.put(change(seen.text), seen.blobSha)
        else await this.createBranch(change(''))
        return
      } catch (error) {
        // 409: the file moved on; 422: it appeared, or the branch did.
        const status = statusOf(error)
        if ((status !== 409 && status !== 422) || attempt >= ATTEMPTS) {
          throw error
        }
      }
    }
  }

  private async put(text: string, blobSha: string | undefined) {
    const { octokit, repo, branch } = this.options
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: this.file,
      branch,
      message: this.message(),
      content: Buffer.from(text).toString('base64'),
      ...(blobSha ? { sha: blobSha } : {}),
      request: NO_RETRY
    })
  }

  private async createBranch(text: string) {
    const { octokit, repo, branch } = this.options
    const tree = await octokit.rest.git.createTree({
      ...repo,
      tree: [{ path: this.file, mode: '100644', type: 'blob', content: text }]
    })
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: this.message(),
      tree: tree.data.sha,
      parents: []
    })
    await octokit.rest.git.createRef({
      ...repo,
      ref: `refs/heads/${branch}`,
      sha: commit.data.sha,
      request: NO_RETRY
    })
  }

  private message(): string {
    return `launch-gate history: ${this.options.key}`
  }
}

/** `<readable part>-<hash>.jsonl`: one file per gate key, safe as a path. */
export function historyFileName(key: string): string {
  const readable = key
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .slice(-80)
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12)
  return `${readable || 'gate'}-${hash}.jsonl`
}

/** The sha git gives a blob: what the contents API wants back to update a file. */
export function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex')
}

/** Octokit answers a raw read with text or bytes, by content type. */
function rawBytes(data: unknown): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data)
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  }
  throw new Error('unexpected answer to a raw contents read')
}
