// A small fake of the GitHub REST API on 127.0.0.1, pointed to by
// GITHUB_API_URL. It keeps check runs, comments and issues in memory, records
// every request, and can answer chosen routes with an error status. What the
// token writes is written by `<appSlug>[bot]`, as GitHub does.
import {
  createServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  body: any
}

interface Comment {
  id: number
  body: string
  user: { login: string }
}

interface Issue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  labels: { name: string }[]
  user: { login: string }
}

/** A pull request a commit belongs to, with its base commit. */
export interface AssociatedPull {
  number: number
  base: string
  state?: 'open' | 'closed'
}

export interface FakeGitHub {
  url: string
  requests: RecordedRequest[]
  comments: Map<number, Comment[]>
  issues: Issue[]
  /** Path → file text at a ref, for the contents API. */
  contents: Map<string, string>
  /** The files API: a pull request's (or a comparison's) changed files with patches. */
  changedFiles: {
    filename: string
    status: string
    patch?: string
    previous_filename?: string
  }[]
  /** Pull requests listed for a commit (deployment_status look-ups). */
  pullsForCommit: Map<string, AssociatedPull[]>
  /** The app that owns the token's check runs: `github-actions` for GITHUB_TOKEN. */
  appSlug: string
  /** The repository's default branch and its head. */
  defaultBranch: { name: string; sha: string }
  /** Commits the default branch contains (besides its head). */
  onDefaultBranch: Set<string>
  /** Answer matching requests with this status (every time, or `times` times). */
  failWith(
    method: string,
    pathPattern: RegExp,
    status: number,
    times?: number,
    message?: string
  ): void
  close(): Promise<void>
}

/** Extra endpoints (see fake-git-data.ts): true when it answered the request. */
export type FakeRoute = (
  request: RecordedRequest,
  res: ServerResponse,
  headers: IncomingMessage['headers']
) => boolean

export async function startFakeGitHub(
  options: { routes?: FakeRoute[] } = {}
): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = []
  const comments = new Map<number, Comment[]>()
  const issues: Issue[] = []
  const contents = new Map<string, string>()
  const pullsForCommit = new Map<string, AssociatedPull[]>()
  const onDefaultBranch = new Set<string>()
  const changedFiles: FakeGitHub['changedFiles'] = []
  const failures: {
    method: string
    pattern: RegExp
    status: number
    times: number
    message?: string
  }[] = []
  let nextId = 1000
  let base = ''

  const server = createServer(
    async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      const url = new URL(req.url ?? '/', base)
      const text = Buffer.concat(chunks).toString('utf8')
      const request: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined
      }
      requests.push(request)
      const send = (
        status: number,
        value: unknown,
        headers: Record<string, string> = {}
      ) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...headers
        })
        res.end(JSON.stringify(value))
      }

      const failure = failures.find(
        f =>
          f.method === request.method &&
          f.pattern.test(request.path) &&
          f.times > 0
      )
      if (failure) {
        failure.times--
        return send(failure.status, {
          message:
            failure.message ??
            (failure.status === 403
              ? 'Resource not accessible by integration'
              : 'Server Error')
        })
      }

      for (const extra of options.routes ?? []) {
        if (extra(request, res, req.headers)) return
      }
      const route = `${request.method} ${request.path}`
      const bot = { login: `${fake.appSlug}[bot]` }
      const knownCommit = (sha: string) =>
        sha === fake.defaultBranch.sha ||
        onDefaultBranch.has(sha) ||
        [...contents.keys()].some(key => key.endsWith(`@${sha}`))
      let match: RegExpMatchArray | null
      if ((match = route.match(/^POST \/repos\/[^/]+\/[^/]+\/check-runs$/))) {
        return send(201, {
          id: nextId++,
          ...request.body,
          app: { slug: fake.appSlug }
        })
      }
      if (route.match(/^GET \/repos\/[^/]+\/[^/]+$/)) {
        return send(200, { default_branch: fake.defaultBranch.name })
      }
      if (
        (match = route.match(/^GET \/repos\/[^/]+\/[^/]+\/branches\/(.+)$/))
      ) {
        if (decodeURIComponent(match[1]) !== fake.defaultBranch.name) {
          return send(404, { message: 'Branch not found' })
        }
        return send(200, { commit: { sha: fake.defaultBranch.sha } })
      }
      if (
        (match = route.match(
          /^GET \/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)$/
        ))
      ) {
        if (!knownCommit(match[1])) {
          return send(422, { message: `No commit found for SHA: ${match[1]}` })
        }
        return send(200, { sha: match[1] })
      }
      if (
        (match = route.match(
          /^PATCH \/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/
        ))
      ) {
        return send(200, { id: Number(match[1]) })
      }
      if (
        (match = route.match(
          /^GET \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/
        ))
      ) {
        const all = comments.get(Number(match[1])) ?? []
        const perPage = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        const pages = Math.max(1, Math.ceil(all.length / perPage))
        const headers: Record<string, string> = {}
        if (page < pages) {
          const next = new URL(url)
          next.searchParams.set('page', String(page + 1))
          headers.link = `<${next.href}>; rel="next"`
        }
        return send(
          200,
          all.slice((page - 1) * perPage, page * perPage),
          headers
        )
      }
      if (
        (match = route.match(
          /^POST \/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/
        ))
      ) {
        const list = comments.get(Number(match[1])) ?? []
        const comment = { id: nextId++, body: request.body.body, user: bot }
        list.push(comment)
        comments.set(Number(match[1]), list)
        return send(201, comment)
      }
      if (
        (match = route.match(
          /^PATCH \/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/
        ))
      ) {
        for (const list of comments.values()) {
          const comment = list.find(c => c.id === Number(match?.[1]))
          if (comment) {
            comment.body = request.body.body
            return send(200, comment)
          }
        }
        return send(404, { message: 'Not Found' })
      }
      if (route.match(/^GET \/repos\/[^/]+\/[^/]+\/pulls\/\d+\/files$/)) {
        return send(200, changedFiles)
      }
      if ((match = route.match(/^GET \/repos\/[^/]+\/[^/]+\/compare\/(.+)$/))) {
        // `<base>...<default branch>`: ahead when the branch contains base.
        const [from, to] = decodeURIComponent(match[1]).split('...')
        const contained =
          to === fake.defaultBranch.name &&
          (from === fake.defaultBranch.sha || onDefaultBranch.has(from))
        return send(200, {
          status: contained ? 'ahead' : 'diverged',
          files: changedFiles
        })
      }
      if (
        (match = route.match(
          /^GET \/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/
        ))
      ) {
        return send(
          200,
          (pullsForCommit.get(match[1]) ?? []).map(pull => ({
            number: pull.number,
            state: pull.state ?? 'open',
            base: { sha: pull.base }
          }))
        )
      }
      if (route.match(/^GET \/repos\/[^/]+\/[^/]+\/issues$/)) {
        const label = url.searchParams.get('labels')
        return send(
          200,
          issues.filter(
            i =>
              i.state === 'open' &&
              (!label || i.labels.some(l => l.name === label))
          )
        )
      }
      if (route.match(/^POST \/repos\/[^/]+\/[^/]+\/issues$/)) {
        const issue: Issue = {
          number: issues.length + 1,
          title: request.body.title,
          body: request.body.body,
          state: 'open',
          labels: (request.body.labels ?? []).map((name: string) => ({
            name
          })),
          user: bot
        }
        issues.push(issue)
        return send(201, issue)
      }
      if (
        (match = route.match(/^PATCH \/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/))
      ) {
        const issue = issues.find(i => i.number === Number(match?.[1]))
        if (!issue) return send(404, { message: 'Not Found' })
        Object.assign(issue, request.body)
        return send(200, issue)
      }
      if (
        (match = route.match(/^GET \/repos\/[^/]+\/[^/]+\/contents\/(.+)$/))
      ) {
        const file = contents.get(
          `${decodeURIComponent(match[1])}@${url.searchParams.get('ref')}`
        )
        if (file === undefined) return send(404, { message: 'Not Found' })
        return send(200, {
          type: 'file',
          encoding: 'base64',
          content: Buffer.from(file).toString('base64')
        })
      }
      send(404, { message: `fake GitHub has no route for ${route}` })
    }
  )
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const fake: FakeGitHub = {
    url: base,
    requests,
    comments,
    issues,
    contents,
    pullsForCommit,
    appSlug: 'github-actions',
    defaultBranch: { name: 'main', sha: 'de7a'.padEnd(40, '0') },
    onDefaultBranch,
    changedFiles,
    failWith(
      method,
      pattern,
      status,
      times = Number.POSITIVE_INFINITY,
      message
    ) {
      failures.push({ method, pattern, status, times, message })
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return fake
}
