import type { ChangedFile, ChangeProvider } from '../checks/types.ts'
import type { Octokit } from './client.ts'
import type { Repo } from './checks.ts'

/** The API lists at most this many files of a pull request or comparison. */
const MAX_FILES = 3000

export interface ApiChangeOptions {
  octokit: Octokit
  repo: Repo
  base: string
  head: string
  /** A pull request's files; without it, the comparison base...head. */
  pullNumber?: number
}

/**
 * The change as the GitHub API describes it: the fallback for the diff scope
 * when local git has no checkout or cannot fetch the base commit. Files the
 * API sends without a patch (binary, or too large) are marked binary and so
 * reported as skipped.
 */
export function githubChangeProvider(
  options: ApiChangeOptions
): ChangeProvider {
  const { octokit, repo, base, head, pullNumber } = options
  return {
    range: `${base.slice(0, 7)}..${head.slice(0, 7)} (GitHub API)`,
    async changedFiles() {
      const files =
        pullNumber === undefined
          ? ((
              await octokit.rest.repos.compareCommitsWithBasehead({
                ...repo,
                basehead: `${base}...${head}`
              })
            ).data.files ?? [])
          : await octokit.paginate(octokit.rest.pulls.listFiles, {
              ...repo,
              pull_number: pullNumber,
              per_page: 100
            })
      return files
        .slice(0, MAX_FILES)
        .map(file =>
          changedFileFromPatch(
            file.filename,
            file.status,
            file.patch,
            file.previous_filename
          )
        )
    },
    async baseText(path) {
      try {
        const { data } = await octokit.rest.repos.getContent({
          ...repo,
          path,
          ref: base
        })
        if (
          Array.isArray(data) ||
          data.type !== 'file' ||
          !('content' in data)
        ) {
          return undefined
        }
        return Buffer.from(data.content, 'base64').toString('utf8')
      } catch {
        return undefined
      }
    }
  }
}

/** Turns one file's unified-diff patch (as the API sends it) into its added and removed lines. */
export function changedFileFromPatch(
  path: string,
  apiStatus: string,
  patch: string | undefined,
  previousPath?: string
): ChangedFile {
  const status: ChangedFile['status'] =
    patch === undefined && apiStatus !== 'removed'
      ? 'binary'
      : apiStatus === 'removed'
        ? 'deleted'
        : apiStatus === 'renamed'
          ? 'renamed'
          : apiStatus === 'added'
            ? 'added'
            : 'modified'
  const file: ChangedFile = {
    path,
    oldPath: previousPath,
    status,
    added: [],
    removed: [],
    utf8: true,
    truncated: false
  }
  let newLine = 0
  for (const line of (patch ?? '').split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line)
    if (hunk) newLine = Number(hunk[1])
    else if (line.startsWith('+'))
      file.added.push({ line: newLine++, text: line.slice(1) })
    else if (line.startsWith('-')) file.removed.push(line.slice(1))
    else if (line.startsWith(' ')) newLine++
  }
  return file
}
