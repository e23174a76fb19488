/**
 * The one request shape (spec §7.4): what smoke, journeys, latency, rate
 * limits and the post-deploy wait send. A policy item names a place (`path`
 * or `url`), a method, headers and a body (`body`: an object is sent as
 * JSON, a string as is; or `form`: urlencoded), any of which may hold
 * `{{name}}` templates. Templates are compiled once; rendering a request
 * that has none costs nothing.
 */
import { CheckError } from '../errors.ts'
import {
  GENERATED_NAMES,
  mapLiterals,
  Template,
  type Scope
} from '../util/template.ts'

/** The keys of a policy item that say what to send. */
export interface RequestShape {
  path?: string
  url?: string
  method?: string
  headers?: Readonly<Record<string, string>>
  body?: unknown
  form?: Readonly<Record<string, string>>
}

/** The JSON text of a value placed inside a JSON string literal. */
const jsonEscape = (value: string) => {
  // Most values (numbers, ids, e-mails) need no escaping: skip the copy.
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x20 || code === 0x22 || code === 0x5c) {
      return JSON.stringify(value).slice(1, -1)
    }
  }
  return value
}

/** application/x-www-form-urlencoded, as URLSearchParams writes it. */
const formEscape = (value: string) =>
  encodeURIComponent(value)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** One request as it goes on the wire (defaults and user agent aside). */
export interface RenderedRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body: string | undefined
}

/** The URL an item addresses: its absolute `url`, or `path` on the target. */
export function resolveUrl(
  item: { path?: string; url?: string },
  target: URL | undefined
): URL {
  if (item.url !== undefined) return new URL(item.url)
  if (!target) {
    throw new CheckError(
      `no target URL for ${item.path}: set target in the policy, the url input or --url`
    )
  }
  return new URL(item.path ?? '/', target)
}

/**
 * A request shape compiled once: the URL, header values and body split into
 * templates, static parts resolved ahead. `render` fills in one request.
 */
export class PreparedRequest {
  readonly method: string
  /** Which parts differ per request (`{{seq}}`, `{{uuid}}`, `{{timestamp}}`). */
  readonly perRequest: { url: boolean; headers: boolean; body: boolean }
  /** Every name its templates use. */
  readonly names: ReadonlySet<string>
  /** The path or URL as written, templates unrendered: for messages. */
  readonly label: string
  private readonly place: Template
  private readonly isUrl: boolean
  private readonly target: URL | undefined
  private readonly headers: readonly [string, Template][]
  private readonly body: Template | undefined
  private readonly staticUrl: URL | undefined

  constructor(shape: RequestShape, target: URL | undefined) {
    this.method = (shape.method ?? 'GET').toUpperCase()
    this.isUrl = shape.url !== undefined
    this.target = target
    this.label = shape.url ?? shape.path ?? '/'
    this.place = new Template(this.label)
    const headers = Object.entries(shape.headers ?? {}).map(
      ([name, value]): [string, Template] => [
        name.toLowerCase(),
        new Template(value)
      ]
    )
    const contentType = (type: string) => {
      if (!headers.some(([name]) => name === 'content-type')) {
        headers.push(['content-type', new Template(type)])
      }
    }
    if (shape.form !== undefined) {
      contentType('application/x-www-form-urlencoded')
      this.body = new Template(
        Object.entries(shape.form)
          .map(([k, v]) => `${formEscape(k)}=${mapLiterals(v, formEscape)}`)
          .join('&'),
        formEscape
      )
    } else if (typeof shape.body === 'string') {
      this.body = new Template(shape.body)
    } else if (shape.body !== undefined) {
      contentType('application/json')
      this.body = new Template(JSON.stringify(shape.body), jsonEscape)
    } else if (this.method !== 'GET' && this.method !== 'HEAD') {
      // An empty body, so the request carries a Content-Length.
      this.body = new Template('')
    }
    this.headers = headers
    const templates = [this.place, ...headers.map(([, t]) => t)]
    if (this.body) templates.push(this.body)
    this.names = new Set(templates.flatMap(t => t.names))
    const varies = (...parts: (Template | undefined)[]) =>
      parts.some(part =>
        part?.names.some(name =>
          (GENERATED_NAMES as readonly string[]).includes(name)
        )
      )
    this.perRequest = {
      url: varies(this.place),
      headers: varies(...headers.map(([, t]) => t)),
      body: varies(this.body)
    }
    if (this.place.isStatic)
      this.staticUrl = this.locate(this.place.render(EMPTY))
  }

  /** One request; throws CheckError when a template has no value. */
  render(scope: Scope): RenderedRequest {
    return {
      url: this.renderUrl(scope),
      method: this.method,
      headers: this.renderHeaders(scope),
      body: this.renderBody(scope)
    }
  }

  renderUrl(scope: Scope): URL {
    return this.staticUrl ?? this.locate(this.place.render(scope))
  }

  renderHeaders(scope: Scope): Record<string, string> {
    const headers: Record<string, string> = {}
    for (const [name, template] of this.headers) {
      headers[name] = template.render(scope)
    }
    return headers
  }

  renderBody(scope: Scope): string | undefined {
    return this.body?.render(scope)
  }

  private locate(place: string): URL {
    try {
      return this.isUrl
        ? resolveUrl({ url: place }, undefined)
        : resolveUrl({ path: place }, this.target)
    } catch (error) {
      if (error instanceof CheckError) throw error
      throw new CheckError(`not a valid URL: ${this.label}`)
    }
  }
}

const EMPTY: Scope = { values: new Map() }
