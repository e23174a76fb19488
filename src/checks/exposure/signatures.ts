/**
 * What a leaked file, an error page and a directory listing look like. Every
 * pattern here is ours (no user input) and linear: no nested quantifiers, so
 * a hostile body of the capped size is read in one pass.
 */

/** A well-known file that must never be served, and how to recognise it. */
export interface FileProbe {
  path: string
  /** What the file is, for the finding. */
  what: string
  /** True when the body is this file (not an HTML page that happens to answer). */
  matches(body: Buffer, text: string): boolean
  /** The file holds credentials: its lines are never shown. */
  secret: boolean
}

const ENV_LINE = /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=/m

const notHtml = (text: string) => !/^\s*</.test(text)

export const FILE_PROBES: readonly FileProbe[] = [
  ...['/.env', '/.env.local', '/.env.production'].map(path => ({
    path,
    what: 'an environment file',
    secret: true,
    matches: (_: Buffer, text: string) => notHtml(text) && ENV_LINE.test(text)
  })),
  {
    path: '/.git/config',
    what: 'the git repository config',
    secret: true,
    matches: (_, text) => /^\s*\[(?:core|remote "[^"\n]*")\]/m.test(text)
  },
  {
    path: '/.git/HEAD',
    what: 'the git HEAD (the whole history may be downloadable)',
    secret: false,
    matches: (_, text) => /^(?:ref: refs\/\S+|[0-9a-f]{40})\s*$/.test(text)
  },
  {
    path: '/.svn/entries',
    what: 'Subversion metadata',
    secret: false,
    matches: (_, text) =>
      /^\d+\s*$/m.test(text.slice(0, 16)) || text.includes('wc-entries')
  },
  {
    path: '/.DS_Store',
    what: 'a macOS folder index (lists file names)',
    secret: false,
    matches: body =>
      body.subarray(0, 8).equals(Buffer.from('0000000142756431', 'hex'))
  },
  {
    path: '/wp-config.php.bak',
    what: 'a WordPress config backup',
    secret: true,
    matches: (_, text) => /define\(\s*['"]DB_(?:PASSWORD|USER|NAME)/.test(text)
  },
  {
    path: '/config.json',
    what: 'a JSON config file',
    secret: true,
    matches: (_, text) => isJsonObject(text)
  },
  {
    path: '/docker-compose.yml',
    what: 'a Docker Compose file',
    secret: true,
    matches: (_, text) => notHtml(text) && /^services:\s*$/m.test(text)
  },
  {
    path: '/backup.zip',
    what: 'a zip archive',
    secret: true,
    matches: body => body.subarray(0, 4).equals(Buffer.from('504b0304', 'hex'))
  },
  {
    path: '/.npmrc',
    what: 'an npm config',
    secret: true,
    matches: (_, text) =>
      notHtml(text) && /(?:_authToken|_auth|registry)\s*=/.test(text)
  },
  {
    path: '/id_rsa',
    what: 'a private SSH key',
    secret: true,
    matches: (_, text) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)
  },
  {
    path: '/.aws/credentials',
    what: 'AWS credentials',
    secret: true,
    matches: (_, text) =>
      /aws_(?:access_key_id|secret_access_key)\s*=/i.test(text)
  },
  {
    path: '/.htpasswd',
    what: 'a password file',
    secret: true,
    matches: (_, text) =>
      notHtml(text) && /^[^\s:<]+:\$?[\w./$]{8,}$/m.test(text)
  },
  {
    path: '/phpinfo.php',
    what: 'a phpinfo() page (configuration and environment)',
    secret: true,
    matches: (_, text) =>
      /<title>PHP \d[\w.]* - phpinfo\(\)<\/title>|phpinfo\(\)/.test(text)
  }
]

function isJsonObject(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{')) return false
  try {
    const value: unknown = JSON.parse(trimmed)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

/** One shape of what an error page must not show. */
export interface Leak {
  what: string
  pattern: RegExp
}

/** Stack traces, debug pages and internals, in the order they are reported. */
export const ERROR_PAGE_LEAKS: readonly Leak[] = [
  {
    what: 'a Node.js stack trace',
    pattern:
      /\bat (?:[\w$.<>[\] ]{1,200} \()?(?:\/|[A-Za-z]:\\|node:|file:\/\/)[^\s()]{1,300}:\d+:\d+\)?/
  },
  {
    what: 'a Python traceback',
    pattern: /Traceback \(most recent call last\):/
  },
  { what: 'a Ruby backtrace', pattern: /\.rb:\d+:in [`']/ },
  {
    what: 'a PHP error',
    pattern:
      /(?:Fatal error|Parse error|Warning|Notice|Uncaught \w+)(?:<\/b>)?: [^\n]{0,500} in (?:<b>)?\/[^\s<]{1,300}\.php(?:<\/b>)? on line/
  },
  {
    what: 'a Java stack trace',
    pattern: /\bat [\w$.]{1,300}\([\w$]{1,100}\.(?:java|kt|scala):\d+\)/
  },
  {
    what: 'a .NET stack trace',
    pattern:
      /\bat [\w.`<>[\],]{1,300}\([^)\n]{0,300}\) in [^\n]{1,300}\.cs:line \d+|Server Error in '[^']{0,100}' Application/
  },
  {
    what: 'a Go panic',
    pattern: /goroutine \d+ \[running\]:|\bpanic: [^\n]{0,300}\n\s*\ngoroutine/
  },
  {
    what: 'the Django debug page',
    pattern:
      /You're seeing this error because you have <code>DEBUG = True<\/code>/
  },
  {
    what: 'the Laravel debug page',
    pattern:
      /Whoops! There was an error\.|Illuminate\\[A-Za-z\\]{1,200}Exception|ignition-/
  },
  {
    what: 'the Rails debug page',
    pattern: /Action Controller: Exception caught|<h1>Routing Error<\/h1>/
  },
  {
    what: 'the Next.js development overlay',
    pattern:
      /nextjs__container_errors|__nextjs_original-stack-frame|react-refresh\.js/
  },
  {
    what: 'a server file-system path',
    pattern:
      /(?:\/home\/[\w.-]{1,64}|\/var\/www|\/usr\/src\/app|\/srv\/[\w.-]{1,64}|\/app\/(?:node_modules|src)|[A-Z]:\\(?:Users|inetpub))[\\/][^\s"'<>]{1,300}/
  },
  {
    what: 'a private network address',
    pattern:
      /\b(?:10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})(?::\d{1,5})?\b/
  }
]

/** A server-generated directory index (Apache, nginx, Python, IIS, Node serve-index). */
export const DIRECTORY_LISTING =
  /<title>\s*(?:Index of \/|Directory listing for \/|listing directory \/)|<h1>\s*Index of \/|\[To Parent Directory\]/i

/** The folders probed for a listing, besides the site root. */
export const LISTING_PATHS = [
  '/',
  '/uploads/',
  '/assets/',
  '/static/',
  '/files/',
  '/backup/'
] as const

/**
 * An HTML body as text a person would read: tags dropped, the usual
 * entities decoded, so `at&nbsp;fn (/app/x.js:1:2)` reads like a trace.
 */
export function readableText(body: string): string {
  return body
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
