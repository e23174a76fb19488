import { spawn, type ChildProcess } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { isIP } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CheckError } from '../../errors.ts'
import { bareHost } from '../../util/host.ts'

/** Where Chrome or Chromium usually lives, in the order tried. */
const CHROME_PATHS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  linux: [
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium'
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium'
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'
  ]
}

export const NO_CHROME_FIX =
  'set CHROME_PATH to a Chrome or Chromium binary, or install one (GitHub-hosted Ubuntu runners ship Google Chrome; on Debian/Ubuntu: apt-get install -y chromium)'

/** `CHROME_PATH` when set, else the first usual install path that exists. */
export function findChrome(
  env: Readonly<Record<string, string | undefined>>
): string {
  const given = env.CHROME_PATH
  if (given) {
    if (!executable(given)) {
      throw new CheckError(
        `CHROME_PATH ${given} is not an executable file: ${NO_CHROME_FIX}`
      )
    }
    return given
  }
  const found = (CHROME_PATHS[process.platform] ?? []).find(executable)
  if (!found) throw new CheckError(`no Chrome found: ${NO_CHROME_FIX}`)
  return found
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Flags for a quiet headless Chrome on a CI runner: nothing in the
 * background that would add requests or CPU to the measurement.
 */
const CHROME_FLAGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain'
]

/** What the browser may fetch, and what goes with it (spec §7.0's host rule). */
export interface RequestGuard {
  /** Why connecting to `address` for `host` is refused, or undefined. */
  refusal(host: string, address: string): Promise<string | undefined>
  /** Whether `url` is on the target's origin. */
  isTargetOrigin(url: URL): boolean
  /** `defaults.headers`, sent to the target's origin only. */
  headers: Record<string, string>
}

export interface Browser {
  /** The remote-debugging port Lighthouse connects to. */
  port: number
  /** Requests refused by the host rule, one line each. */
  refused: string[]
  close(): Promise<void>
}

const LAUNCH_TIMEOUT_MS = 30_000

/**
 * Starts Chrome with remote debugging on 127.0.0.1 and attaches to every
 * page, frame and worker it opens, so each request passes the host rule
 * and only the target's origin gets `defaults.headers` (never Lighthouse's
 * global extraHeaders, which would send them to third parties too).
 */
export async function launchBrowser(
  chromePath: string,
  guard: RequestGuard,
  signal: AbortSignal
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'launch-gate-chrome-'))
  const flags = [
    ...CHROME_FLAGS,
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
    `--user-data-dir=${profile}`,
    // Chrome's sandbox cannot start as root, nor where user namespaces are
    // restricted (Ubuntu 24.04 runners); CI pages are the project's own.
    ...(sandboxUsable() ? [] : ['--no-sandbox']),
    'about:blank'
  ]
  const child = spawn(chromePath, flags, {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: process.platform !== 'win32'
  })
  // Chrome leads its own process group: it would outlive a gate that exits
  // mid-run, so exiting takes it down too.
  const onExit = () => killTree(child)
  process.once('exit', onExit)
  const stop = async () => {
    process.off('exit', onExit)
    killTree(child)
    await rm(profile, { recursive: true, force: true, maxRetries: 3 })
  }
  let endpoint: string
  try {
    endpoint = await devtoolsEndpoint(child, signal)
  } catch (error) {
    await stop()
    throw error
  }
  const cdp = await Cdp.connect(endpoint).catch(async (error: unknown) => {
    await stop()
    throw new CheckError(
      `cannot attach to Chrome: ${error instanceof Error ? error.message : String(error)}`
    )
  })
  const refused: string[] = []
  guardRequests(cdp, guard, refused)
  await cdp.send('Target.setAutoAttach', AUTO_ATTACH)
  return {
    port: Number(new URL(endpoint).port),
    refused,
    async close() {
      cdp.close()
      await stop()
    }
  }
}

function sandboxUsable(): boolean {
  if (process.platform !== 'linux') return true
  return process.getuid?.() !== 0 && process.env.GITHUB_ACTIONS !== 'true'
}

function killTree(child: ChildProcess): void {
  if (child.exitCode !== null || child.pid === undefined) return
  try {
    // Chrome's own processes share the group it leads (detached above).
    if (process.platform === 'win32') child.kill('SIGKILL')
    else process.kill(-child.pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Chrome prints `DevTools listening on ws://…` once it is ready. */
function devtoolsEndpoint(
  child: ChildProcess,
  signal: AbortSignal
): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const fail = (reason: string) => {
      clearTimeout(timer)
      const last = output.trim().split('\n').at(-1) ?? ''
      reject(
        new CheckError(
          `Chrome did not start: ${reason}${last ? `: ${last}` : ''}`
        )
      )
    }
    const timer = setTimeout(
      () => fail(`no DevTools endpoint within ${LAUNCH_TIMEOUT_MS / 1000} s`),
      LAUNCH_TIMEOUT_MS
    )
    signal.addEventListener('abort', () => fail('out of time'), { once: true })
    child.on('error', error => fail(error.message))
    child.on('exit', code => fail(`exited with code ${code}`))
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4096)
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
  })
}

const AUTO_ATTACH = {
  autoAttach: true,
  waitForDebuggerOnStart: true,
  flatten: true
}

/**
 * Pauses every request of every target Chrome opens (Fetch domain), lets
 * through what the host rule allows, and adds `defaults.headers` to the
 * target's origin only. A target is held at start until interception is on.
 */
function guardRequests(cdp: Cdp, guard: RequestGuard, refused: string[]): void {
  const extra = Object.entries(guard.headers)
  const addresses = new Map<string, Promise<string[]>>()
  const resolveHost = (host: string) => {
    let found = addresses.get(host)
    if (!found) {
      found = isIP(host)
        ? Promise.resolve([host])
        : lookup(host, { all: true }).then(
            list => list.map(a => a.address),
            () => []
          )
      addresses.set(host, found)
    }
    return found
  }

  cdp.on('Target.attachedToTarget', params => {
    const child = (params as { sessionId: string }).sessionId
    void (async () => {
      // Not every target type has every domain: each step may fail alone.
      await cdp
        .send(
          'Fetch.enable',
          { patterns: [{ urlPattern: '*', requestStage: 'Request' }] },
          child
        )
        .catch(() => {})
      await cdp.send('Target.setAutoAttach', AUTO_ATTACH, child).catch(() => {})
      await cdp
        .send('Runtime.runIfWaitingForDebugger', {}, child)
        .catch(() => {})
    })()
  })

  cdp.on('Fetch.requestPaused', (params, sessionId) => {
    const { requestId, request } = params as {
      requestId: string
      request: { url: string; headers: Record<string, string> }
    }
    void (async () => {
      let url: URL
      try {
        url = new URL(request.url)
      } catch {
        return cdp.send('Fetch.continueRequest', { requestId }, sessionId)
      }
      const host = bareHost(url.hostname)
      const reasons = await Promise.all(
        (await resolveHost(host)).map(address => guard.refusal(host, address))
      )
      const reason = reasons.find(r => r !== undefined)
      if (reason) {
        if (refused.length < 20) refused.push(`${url.origin}: ${reason}`)
        return cdp.send(
          'Fetch.failRequest',
          { requestId, errorReason: 'AccessDenied' },
          sessionId
        )
      }
      if (extra.length > 0 && guard.isTargetOrigin(url)) {
        const names = new Set(extra.map(([name]) => name.toLowerCase()))
        const headers = [
          ...Object.entries(request.headers).filter(
            ([name]) => !names.has(name.toLowerCase())
          ),
          ...extra
        ].map(([name, value]) => ({ name, value }))
        return cdp.send(
          'Fetch.continueRequest',
          { requestId, headers },
          sessionId
        )
      }
      return cdp.send('Fetch.continueRequest', { requestId }, sessionId)
    })().catch(() => {
      // The target went away mid-request: nothing to answer.
    })
  })
}

type EventHandler = (params: unknown, sessionId: string | undefined) => void

/** A minimal Chrome DevTools Protocol client over Node's WebSocket. */
class Cdp {
  private nextId = 0
  private readonly pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >()
  private readonly handlers = new Map<string, EventHandler[]>()
  private readonly socket: WebSocket

  private constructor(socket: WebSocket) {
    this.socket = socket
    socket.addEventListener('message', event => this.receive(event.data))
    socket.addEventListener('close', () => {
      for (const { reject } of this.pending.values()) {
        reject(new Error('DevTools connection closed'))
      }
      this.pending.clear()
    })
  }

  static connect(endpoint: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(endpoint)
      socket.addEventListener('open', () => resolve(new Cdp(socket)), {
        once: true
      })
      socket.addEventListener(
        'error',
        () => reject(new Error(`cannot connect to ${endpoint}`)),
        { once: true }
      )
    })
  }

  on(method: string, handler: EventHandler): void {
    this.handlers.set(method, [...(this.handlers.get(method) ?? []), handler])
  }

  send(
    method: string,
    params: object = {},
    sessionId?: string
  ): Promise<unknown> {
    const id = ++this.nextId
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.socket.send(JSON.stringify({ id, method, params, sessionId }))
    })
  }

  close(): void {
    this.socket.close()
  }

  private receive(data: unknown): void {
    const message = JSON.parse(String(data)) as {
      id?: number
      method?: string
      params?: unknown
      sessionId?: string
      result?: unknown
      error?: { message: string }
    }
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id)
      this.pending.delete(message.id)
      if (message.error) waiter?.reject(new Error(message.error.message))
      else waiter?.resolve(message.result)
      return
    }
    for (const handler of this.handlers.get(message.method ?? '') ?? []) {
      handler(message.params, message.sessionId)
    }
  }
}
