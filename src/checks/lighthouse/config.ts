import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Writes the Lighthouse config the gate runs with (`--config-path`) and
 * returns its path. It is Lighthouse's default config (with the desktop
 * settings for `desktop`) with one gatherer changed: source maps are fetched
 * only from the origin of the script that names them.
 *
 * Why: the gate pauses every page request over the DevTools protocol to
 * apply the host rule (§7.0), but Lighthouse fetches source maps itself
 * (`Network.loadNetworkResource`), past that interception. A script the rule
 * let through came from an allowed origin, so its own origin's maps are
 * too; a `sourceMappingURL` naming another host (a link-local metadata
 * address, an intranet name) is never fetched. robots.txt needs nothing: it
 * is read from the page's final origin, which the rule already allowed.
 */
export async function writeLighthouseConfig(
  lighthouseCli: string,
  preset: 'mobile' | 'desktop',
  dir: string
): Promise<string> {
  const root = dirname(dirname(lighthouseCli))
  const module = (path: string) =>
    JSON.stringify(pathToFileURL(join(root, path)).href)
  const desktop =
    preset === 'desktop'
      ? `(await import(${module('core/config/desktop-config.js')})).default.settings`
      : '{}'
  const file = join(dir, 'launch-gate-config.mjs')
  await writeFile(
    file,
    `// Written by launch-gate: see src/checks/lighthouse/config.ts.
const { default: SourceMaps } = await import(${module('core/gather/gatherers/source-maps.js')})
const { default: defaults } = await import(${module('core/config/default-config.js')})

class SameOriginSourceMaps extends SourceMaps {
  async getArtifact(context) {
    // A Lighthouse without the method below (not 12.x): no map is fetched.
    if (typeof super._retrieveMapFromScript !== 'function') return []
    return super.getArtifact(context)
  }

  async _retrieveMapFromScript(driver, script) {
    const map = script.sourceMapURL ?? ''
    if (!map.startsWith('data:')) {
      let mapOrigin, scriptOrigin
      try {
        mapOrigin = new URL(map, script.name).origin
        scriptOrigin = new URL(script.name).origin
      } catch {}
      if (mapOrigin === undefined || mapOrigin !== scriptOrigin) {
        return {
          scriptId: script.scriptId,
          scriptUrl: script.name,
          errorMessage: 'not fetched: launch-gate fetches source maps only from the origin of their script'
        }
      }
    }
    return super._retrieveMapFromScript(driver, script)
  }
}

// Lighthouse cannot merge a class into the default's gatherer name
// (\`extends\`): the default config, its one gatherer swapped.
export default {
  ...defaults,
  settings: { ...defaults.settings, ...${desktop} },
  artifacts: defaults.artifacts.map(artifact =>
    artifact.id === 'SourceMaps'
      ? { ...artifact, gatherer: { implementation: SameOriginSourceMaps } }
      : artifact
  )
}
`
  )
  return file
}
