import { access, mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../errors.ts'
import { HttpClient } from '../net/http.ts'
import { parsePolicy } from '../policy/load.ts'
import { DEFAULT_POLICY, parseOptions } from './args.ts'
import { EXIT } from './check.ts'
import { fitPolicy } from './fit-policy.ts'
import type { CliIo } from './io.ts'
import { STARTER_POLICY } from './starter-policy.ts'
import { VERSION } from './version.ts'

/** The published JSON Schema of this release, for editors (YAML language server). */
export const SCHEMA_URL = `https://unpkg.com/launch-gate@${VERSION}/schema/launch-policy.schema.json`

/**
 * `launch-gate init`: the commented starter policy, or with `--url` one
 * fitted to that site from a handful of requests.
 */
export async function init(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOptions(args, {
    policy: { type: 'string', default: DEFAULT_POLICY },
    url: { type: 'string' },
    force: { type: 'boolean', default: false }
  })
  const file = resolve(io.cwd, values.policy)
  if (!values.force && (await exists(file))) {
    throw new UsageError(
      `${values.policy} already exists (use --force to overwrite it)`
    )
  }
  let text = `# yaml-language-server: $schema=${SCHEMA_URL}\n${STARTER_POLICY}`
  let how = 'edit target and the checks'
  if (values.url !== undefined) {
    const http = new HttpClient({ timeoutMs: 10_000, retries: 0 })
    const fitted = await fitPolicy(
      siteUrl(values.url),
      http,
      SCHEMA_URL
    ).finally(() => http.close())
    // What init writes must load: a policy error here is a bug, said plainly.
    parsePolicy(fitted.text, values.policy, {})
    text = fitted.text
    how = `fitted to ${values.url} from ${fitted.probes} requests; review it`
  }
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, text)
  io.stdout(`Wrote ${values.policy} (${how}), then run: launch-gate check\n`)
  return EXIT.pass
}

function siteUrl(text: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(
      `invalid --url '${text}': expected an absolute http(s) URL`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`invalid --url '${text}': expected http or https`)
  }
  return url
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file)
    return true
  } catch {
    return false
  }
}
