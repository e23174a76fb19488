import { readFile } from 'node:fs/promises'
import { isAbsolute, posix, resolve } from 'node:path'
import { CheckError } from '../errors.ts'
import { errorMessage } from '../util/errors.ts'

/**
 * Reads a file the policy names (a secrets baseline, a budget file), by its
 * path from the repository root. Undefined when there is no such file; throws
 * CannotJudgeError when the place it must be read from cannot be read (the
 * base commit under `policy-ref: base`). Checks read policy-named files only
 * through this, so `policy-ref: base` reads them where it read the policy.
 */
export type PolicyFileReader = (path: string) => Promise<string | undefined>

/**
 * The path as stored in the repository (`a/b.json`). A path that is absolute
 * or leaves the repository is refused: the policy names repository files.
 */
export function repositoryPath(path: string): string {
  const normal = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '')
  if (isAbsolute(path) || normal === '..' || normal.startsWith('../')) {
    throw new CheckError(
      `'${path}' is outside the repository: policy files are named from the repository root`
    )
  }
  return normal
}

/** Policy-named files from the checked-out workspace (no `policy-ref`). */
export function workspaceFileReader(workspace: string): PolicyFileReader {
  return async path => {
    const file = resolve(workspace, repositoryPath(path))
    try {
      return await readFile(file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new CheckError(`cannot read ${path}: ${errorMessage(error)}`)
    }
  }
}
