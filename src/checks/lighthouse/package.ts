import { execFile } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { CheckError } from '../../errors.ts'

/** The Lighthouse release the gate is tested with (12.3+ locks fail `npm ci` here). */
export const LIGHTHOUSE_VERSION = '12.2.3'

const INSTALL_TIMEOUT_MS = 5 * 60_000

/** A Lighthouse package on disk: its CLI entry and version. */
export interface LighthousePackage {
  cli: string
  version: string
  /** How it was found, for the report's notes. */
  source: string
}

/**
 * Lighthouse is not bundled: it is taken from `LIGHTHOUSE_PATH` (the
 * package directory, a directory holding node_modules/lighthouse, or the
 * CLI file), else from the project's own node_modules, else installed once
 * (pinned) into the runner's tool cache.
 */
export async function findLighthouse(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  signal: AbortSignal
): Promise<LighthousePackage> {
  const given = env.LIGHTHOUSE_PATH
  if (given) {
    const found = packageAt(given)
    if (!found) {
      throw new CheckError(
        `LIGHTHOUSE_PATH ${given} holds no lighthouse package: point it at a directory where \`npm install lighthouse@${LIGHTHOUSE_VERSION}\` ran`
      )
    }
    return { ...found, source: 'LIGHTHOUSE_PATH' }
  }
  const project = projectPackage(cwd)
  if (project) return { ...project, source: 'the project' }
  const cache = env.RUNNER_TOOL_CACHE
  if (!cache) {
    throw new CheckError(
      `lighthouse is not installed: run \`npm install --save-dev lighthouse@${LIGHTHOUSE_VERSION}\` or set LIGHTHOUSE_PATH`
    )
  }
  return installIntoToolCache(cache, signal)
}

/** The package at a path: a package dir, a prefix with node_modules, or the CLI file. */
function packageAt(
  path: string
): Omit<LighthousePackage, 'source'> | undefined {
  if (!existsSync(path)) return undefined
  const candidates = statSync(path).isFile()
    ? [dirname(dirname(path))]
    : [path, join(path, 'node_modules', 'lighthouse')]
  for (const dir of candidates) {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) continue
    try {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string
        version?: string
      }
      const cli = join(dir, 'cli', 'index.js')
      if (pkg.name === 'lighthouse' && existsSync(cli)) {
        return { cli, version: pkg.version ?? 'unknown' }
      }
    } catch {
      // not a readable package: try the next place
    }
  }
  return undefined
}

function projectPackage(
  cwd: string
): Omit<LighthousePackage, 'source'> | undefined {
  try {
    const main = createRequire(join(cwd, 'package.json')).resolve('lighthouse')
    // main is <pkg>/core/index.js
    return packageAt(dirname(dirname(main)))
  } catch {
    return undefined
  }
}

/**
 * `npm install lighthouse@<pinned>` into `<tool cache>/launch-gate-lighthouse/<version>`,
 * once per runner: a marker written after a complete install tells later
 * runs (and later jobs on a self-hosted runner) to reuse it.
 */
async function installIntoToolCache(
  cache: string,
  signal: AbortSignal
): Promise<LighthousePackage> {
  const prefix = join(cache, 'launch-gate-lighthouse', LIGHTHOUSE_VERSION)
  const marker = join(prefix, '.complete')
  if (!existsSync(marker)) {
    await mkdir(prefix, { recursive: true })
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    await new Promise<void>((resolve, reject) => {
      execFile(
        npm,
        [
          'install',
          '--prefix',
          prefix,
          '--no-audit',
          '--no-fund',
          '--no-save',
          `lighthouse@${LIGHTHOUSE_VERSION}`
        ],
        {
          signal,
          timeout: INSTALL_TIMEOUT_MS,
          shell: process.platform === 'win32'
        },
        (error, _stdout, stderr) =>
          error
            ? reject(
                new CheckError(
                  `npm install lighthouse@${LIGHTHOUSE_VERSION} failed: ${stderr.trim().split('\n').at(-1) ?? error.message}; set LIGHTHOUSE_PATH to an installed copy`
                )
              )
            : resolve()
      )
    })
    await writeFile(marker, new Date().toISOString())
  }
  const found = packageAt(prefix)
  if (!found) {
    throw new CheckError(
      `lighthouse is missing from ${prefix} after npm install: set LIGHTHOUSE_PATH`
    )
  }
  return { ...found, source: 'the tool cache' }
}
