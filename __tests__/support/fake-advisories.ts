// A fake advisory service on 127.0.0.1: GitHub's `GET /advisories` (global
// advisories, `affects` filter, Link pagination) and the npm registry's bulk
// endpoint, both answering from one small advisory table.
import { startServer, type TestServer } from './http-server.ts'

export interface FakeAdvisory {
  ghsa: string
  cve?: string
  severity: 'low' | 'medium' | 'high' | 'critical'
  summary: string
  pkg: string
  /** GHSA form, e.g. `>= 4.0.0, < 4.17.21`. */
  range: string
  /** npm form of the same range. */
  npmRange: string
  fixed?: string
}

export interface FakeAdvisoryApi extends TestServer {
  /** `affects` lists the GitHub endpoint was asked for, in order. */
  affects: string[][]
  /** Answer every request with this status (an outage, a rate limit). */
  failWith?: { status: number; headers?: Record<string, string> }
}

/** Advisories per page, small so that pagination is exercised. */
const PAGE_SIZE = 2

export async function startAdvisoryApi(
  table: readonly FakeAdvisory[]
): Promise<FakeAdvisoryApi> {
  const affects: string[][] = []
  // The handler reads `failWith` from the object the test holds.
  const api = { affects } as unknown as FakeAdvisoryApi
  const server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    if (api.failWith) {
      res.writeHead(api.failWith.status, api.failWith.headers)
      return res.end('{"message":"no"}')
    }
    if (req.method === 'GET' && url.pathname === '/advisories') {
      const asked = (url.searchParams.get('affects') ?? '')
        .split(',')
        .filter(Boolean)
      affects.push(asked)
      const names = new Set(asked.map(a => a.slice(0, a.lastIndexOf('@'))))
      const matching = table.filter(a => names.has(a.pkg))
      const page = Number(url.searchParams.get('page') ?? '1')
      const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      const headers: Record<string, string> = {
        'content-type': 'application/json'
      }
      if (page * PAGE_SIZE < matching.length) {
        url.searchParams.set('page', String(page + 1))
        headers.link = `<${server.url}${url.pathname}${url.search}>; rel="next"`
      }
      res.writeHead(200, headers)
      return res.end(
        JSON.stringify(
          slice.map(a => ({
            ghsa_id: a.ghsa,
            cve_id: a.cve ?? null,
            summary: a.summary,
            severity: a.severity,
            html_url: `https://github.com/advisories/${a.ghsa}`,
            vulnerabilities: [
              {
                package: { ecosystem: 'npm', name: a.pkg },
                vulnerable_version_range: a.range,
                first_patched_version: a.fixed ?? null
              }
            ]
          }))
        )
      )
    }
    if (
      req.method === 'POST' &&
      url.pathname === '/-/npm/v1/security/advisories/bulk'
    ) {
      const chunks: Buffer[] = []
      req.on('data', c => chunks.push(c))
      req.on('end', () => {
        const asked = JSON.parse(Buffer.concat(chunks).toString()) as Record<
          string,
          string[]
        >
        const answer: Record<string, unknown[]> = {}
        for (const a of table) {
          if (!asked[a.pkg]) continue
          ;(answer[a.pkg] ??= []).push({
            id: 1000 + table.indexOf(a),
            url: `https://github.com/advisories/${a.ghsa}`,
            title: a.summary,
            severity: a.severity === 'medium' ? 'moderate' : a.severity,
            vulnerable_versions: a.npmRange
          })
        }
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer))
      })
      return
    }
    res.writeHead(404)
    res.end()
  })
  return Object.assign(api, server)
}
