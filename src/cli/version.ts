// The bundle carries the version it was built from: `launch-gate --version`
// and the schema URL that `init` writes name the same release.
import manifest from '../../package.json' with { type: 'json' }

export const VERSION: string = manifest.version
