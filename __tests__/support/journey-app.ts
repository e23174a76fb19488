// A small web app with the flows journeys test: a CSRF-protected login
// form with a cookie session, a JSON signup that rejects duplicate e-mails,
// a JSON login that returns a bearer token, /api/me, and logout. It counts
// what it saw, so tests can prove what the client sent.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { startServer, type TestServer } from './http-server.ts'

export interface JourneyApp extends TestServer {
  /** Registered e-mails. */
  users: Map<string, string>
  stats: {
    signups: number
    duplicates: number
    /** Signups that carried a valid bearer token. */
    signupsWithToken: number
    /** Signups with no or a wrong token. */
    signupsWithoutToken: number
  }
  /** Valid bearer tokens (the secrets a journey captures). */
  tokens: Map<string, string>
}

export const PASSWORD = 'correct horse battery staple'

export async function startJourneyApp(): Promise<JourneyApp> {
  const users = new Map<string, string>([['qa@example.com', PASSWORD]])
  const tokens = new Map<string, string>()
  /** pre-session id → csrf token */
  const csrfBySid = new Map<string, string>()
  /** session id → e-mail */
  const sessions = new Map<string, string>()
  const stats = {
    signups: 0,
    duplicates: 0,
    signupsWithToken: 0,
    signupsWithoutToken: 0
  }
  const id = () => randomBytes(12).toString('hex')

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://app')
    const cookies = parseCookies(req.headers.cookie)
    const body = await readBody(req)
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const redirect = (location: string, setCookie?: string) => {
      res.writeHead(302, {
        location,
        ...(setCookie && { 'set-cookie': setCookie })
      })
      res.end()
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]

    switch (`${req.method} ${url.pathname}`) {
      case 'GET /login': {
        const sid = id()
        const csrf = id()
        csrfBySid.set(sid, csrf)
        res.writeHead(200, {
          'content-type': 'text/html',
          'set-cookie': `presession=${sid}; Path=/; HttpOnly; SameSite=Lax`
        })
        return res.end(
          `<form method="post" action="/login"><input type="hidden" name="csrf" value="${csrf}"><input name="email"><input name="password" type="password"></form>`
        )
      }
      case 'POST /login': {
        const form = new URLSearchParams(body)
        const expected = csrfBySid.get(cookies.presession ?? '')
        if (!expected || form.get('csrf') !== expected) {
          res.writeHead(403)
          return res.end('bad csrf token')
        }
        const email = form.get('email') ?? ''
        if (users.get(email) !== form.get('password')) {
          res.writeHead(401)
          return res.end('wrong e-mail or password')
        }
        const session = id()
        sessions.set(session, email)
        return redirect(
          '/dashboard',
          `session=${session}; Path=/; HttpOnly; SameSite=Lax`
        )
      }
      case 'GET /dashboard': {
        const email = sessions.get(cookies.session ?? '')
        if (!email) return redirect('/login')
        res.writeHead(200, { 'content-type': 'text/html' })
        return res.end(`<h1>Welcome ${email}</h1>`)
      }
      case 'POST /logout':
        sessions.delete(cookies.session ?? '')
        return redirect('/login', 'session=; Path=/; Max-Age=0')
      case 'POST /api/signup': {
        const input = credentials(body)
        if (!input) return json(400, { error: 'expected JSON' })
        stats.signups++
        if (bearer && tokens.has(bearer)) stats.signupsWithToken++
        else stats.signupsWithoutToken++
        if (!input.email || !input.password) {
          return json(400, { error: 'email and password required' })
        }
        if (users.has(input.email)) {
          stats.duplicates++
          return json(409, { error: 'email already registered' })
        }
        users.set(input.email, input.password)
        return json(201, { email: input.email })
      }
      case 'POST /api/login': {
        const input = credentials(body)
        if (!input) return json(400, { error: 'expected JSON' })
        if (!input.email || users.get(input.email) !== input.password) {
          return json(401, { error: 'wrong e-mail or password' })
        }
        const token = `tok_${id()}`
        tokens.set(token, input.email)
        return json(200, { token, user: { email: input.email } })
      }
      case 'GET /api/me': {
        const email = bearer && tokens.get(bearer)
        if (!email) return json(401, { error: 'not signed in' })
        // Echoes the token back, as some APIs do: it must still be shown nowhere.
        res.setHeader('x-token-echo', bearer)
        return json(200, { email })
      }
      default:
        res.writeHead(404)
        return res.end('not found')
    }
  }

  const server = await startServer((req, res) => {
    handle(req, res).catch(() => {
      res.writeHead(500)
      res.end()
    })
  })
  return { ...server, users, stats, tokens }
}

function credentials(
  body: string
): { email?: string; password?: string } | undefined {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const pair of (header ?? '').split(/;\s*/)) {
    const eq = pair.indexOf('=')
    if (eq > 0) cookies[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return cookies
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', chunk => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}
