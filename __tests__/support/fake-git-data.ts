// The endpoints of the history store for the fake GitHub API: commits of a
// path, contents (raw and JSON) read at a branch or commit, contents PUT with
// the blob-sha check (409 when stale), and the Git Data calls that create an
// orphan branch. Objects get real git blob shas; trees and commits get
// content-derived ones. Plug in with startFakeGitHub({ routes: [git.route] }).
import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { FakeRoute, RecordedRequest } from './fake-github.ts'

interface Commit {
  tree: Map<string, string>
  parents: string[]
  login: string
  message: string
}

export interface FakeGitData {
  route: FakeRoute
  /** Login of the token's bot: the author of every commit made through the API. */
  actor: string
  /** Branch → head commit sha. */
  refs: Map<string, string>
  /** A file's text at the head of a branch. */
  fileAt(branch: string, path: string): string | undefined
  /** Commits a file as someone else (a person with push access, another bot). */
  commitAs(login: string, branch: string, path: string, text: string): void
}

const blobSha = (bytes: Buffer) =>
  createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex')

const REPO = '^/repos/[^/]+/[^/]+'

export function fakeGitData(actor = 'github-actions[bot]'): FakeGitData {
  const blobs = new Map<string, Buffer>()
  const trees = new Map<string, Map<string, string>>()
  const commits = new Map<string, Commit>()
  const refs = new Map<string, string>()
  let counter = 0

  const storeBlob = (bytes: Buffer) => {
    const sha = blobSha(bytes)
    blobs.set(sha, bytes)
    return sha
  }
  const storeTree = (entries: Map<string, string>) => {
    const sha = createHash('sha1')
      .update(JSON.stringify([...entries].sort()))
      .digest('hex')
    trees.set(sha, entries)
    return sha
  }
  const storeCommit = (commit: Commit) => {
    const sha = createHash('sha1')
      .update(JSON.stringify([...commit.tree, commit.parents, counter++]))
      .digest('hex')
    commits.set(sha, commit)
    return sha
  }
  const resolve = (ref: string | null) =>
    ref === null
      ? undefined
      : commits.has(ref)
        ? ref
        : refs.get(ref.replace(/^refs\/heads\//, ''))
  const commitFile = (
    login: string,
    branch: string,
    path: string,
    bytes: Buffer,
    message: string
  ) => {
    const parent = refs.get(branch)
    const tree = new Map(parent ? commits.get(parent)?.tree : undefined)
    tree.set(path, storeBlob(bytes))
    const sha = storeCommit({
      tree,
      parents: parent ? [parent] : [],
      login,
      message
    })
    refs.set(branch, sha)
    return sha
  }

  const send = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(value))
    return true
  }

  const route: FakeRoute = (request: RecordedRequest, res, headers) => {
    const { method, path, query, body } = request
    let match: RegExpMatchArray | null
    if (method === 'GET' && new RegExp(`${REPO}/commits$`).test(path)) {
      const head = resolve(query.get('sha'))
      if (!head) {
        return send(res, 404, {
          message: `No commit found for SHA: ${query.get('sha')}`
        })
      }
      const file = query.get('path')
      const limit = Number(query.get('per_page') ?? 30)
      const list: unknown[] = []
      for (let sha: string | undefined = head; sha && list.length < limit;) {
        const commit = commits.get(sha) as Commit
        const parent = commit.parents[0]
        const before = parent
          ? commits.get(parent)?.tree.get(file ?? '')
          : undefined
        if (!file || commit.tree.get(file) !== before) {
          list.push({
            sha,
            commit: { message: commit.message },
            author: { login: commit.login }
          })
        }
        sha = parent
      }
      return send(res, 200, list)
    }
    if (
      method === 'GET' &&
      (match = path.match(new RegExp(`${REPO}/contents/(.+)$`)))
    ) {
      const at = resolve(query.get('ref'))
      if (!at) return false // not this store's: the base fake may know it
      const file = decodeURIComponent(match[1])
      const sha = commits.get(at)?.tree.get(file)
      if (!sha) return send(res, 404, { message: 'Not Found' })
      const bytes = blobs.get(sha) as Buffer
      if (String(headers.accept ?? '').includes('raw')) {
        res.writeHead(200, { 'content-type': 'application/vnd.github.raw' })
        res.end(bytes)
        return true
      }
      return send(res, 200, {
        type: 'file',
        path: file,
        sha,
        size: bytes.length,
        encoding: 'base64',
        content: bytes.toString('base64')
      })
    }
    if (
      method === 'PUT' &&
      (match = path.match(new RegExp(`${REPO}/contents/(.+)$`)))
    ) {
      const file = decodeURIComponent(match[1])
      const branch = String(body.branch)
      const head = refs.get(branch)
      if (!head)
        return send(res, 404, { message: `Branch ${branch} not found` })
      const current = commits.get(head)?.tree.get(file)
      if (current && !body.sha) {
        return send(res, 422, { message: '"sha" wasn\'t supplied.' })
      }
      if (body.sha && body.sha !== current) {
        return send(res, 409, { message: `${file} does not match ${body.sha}` })
      }
      const bytes = Buffer.from(body.content, 'base64')
      const commit = commitFile(actor, branch, file, bytes, body.message)
      return send(res, current ? 200 : 201, {
        content: { path: file, sha: blobSha(bytes) },
        commit: { sha: commit }
      })
    }
    if (method === 'POST' && new RegExp(`${REPO}/git/trees$`).test(path)) {
      const tree = new Map<string, string>()
      for (const entry of body.tree) {
        tree.set(entry.path, storeBlob(Buffer.from(entry.content)))
      }
      return send(res, 201, { sha: storeTree(tree) })
    }
    if (method === 'POST' && new RegExp(`${REPO}/git/commits$`).test(path)) {
      const tree = trees.get(body.tree)
      if (!tree) return send(res, 422, { message: 'Tree SHA does not exist' })
      const sha = storeCommit({
        tree,
        parents: body.parents ?? [],
        login: actor,
        message: body.message
      })
      return send(res, 201, { sha })
    }
    if (method === 'POST' && new RegExp(`${REPO}/git/refs$`).test(path)) {
      const branch = String(body.ref).replace(/^refs\/heads\//, '')
      if (refs.has(branch)) {
        return send(res, 422, { message: 'Reference already exists' })
      }
      if (!commits.has(body.sha)) {
        return send(res, 422, { message: 'Object does not exist' })
      }
      refs.set(branch, body.sha)
      return send(res, 201, { ref: body.ref, object: { sha: body.sha } })
    }
    return false
  }

  return {
    route,
    actor,
    refs,
    fileAt(branch, path) {
      const head = refs.get(branch)
      const sha = head ? commits.get(head)?.tree.get(path) : undefined
      return sha ? blobs.get(sha)?.toString('utf8') : undefined
    },
    commitAs(login, branch, path, text) {
      commitFile(login, branch, path, Buffer.from(text), 'by hand')
    }
  }
}
