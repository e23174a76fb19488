// Real git repositories in temp dirs, for the secrets check's diff and repo
// scopes: commits, renames, deletions, binary files, shallow clones.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile, rename, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export interface GitRepo {
  dir: string
  git(...args: string[]): Promise<string>
  write(path: string, content: string | Buffer): Promise<void>
  move(from: string, to: string): Promise<void>
  remove(path: string): Promise<void>
  /** Stages everything and commits; returns the new commit's sha. */
  commit(message: string): Promise<string>
}

/** Git with a fixed identity and no user or system config. */
function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          HOME: cwd,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
          GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z'
        }
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`git ${args.join(' ')}: ${stderr}`))
          : resolve(stdout.trim())
    )
  })
}

function repoAt(dir: string): GitRepo {
  return {
    dir,
    git: (...args) => runGit(dir, args),
    async write(path, content) {
      await mkdir(dirname(join(dir, path)), { recursive: true })
      await writeFile(join(dir, path), content)
    },
    async move(from, to) {
      await mkdir(dirname(join(dir, to)), { recursive: true })
      await rename(join(dir, from), join(dir, to))
    },
    remove: path => unlink(join(dir, path)),
    async commit(message) {
      await runGit(dir, ['add', '-A'])
      await runGit(dir, ['commit', '-q', '--no-verify', '-m', message])
      return runGit(dir, ['rev-parse', 'HEAD'])
    }
  }
}

const made: string[] = []

/** A fresh repository with a local identity. */
export async function makeRepo(): Promise<GitRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'lg-repo-'))
  made.push(dir)
  await runGit(dir, ['init', '-q', '-b', 'main'])
  await runGit(dir, ['config', 'user.name', 'Launch Gate Test'])
  await runGit(dir, ['config', 'user.email', 'test@example.com'])
  await runGit(dir, ['config', 'commit.gpgsign', 'false'])
  return repoAt(dir)
}

/**
 * A `--depth=1` clone of `source` over file:// (through a bare copy), as
 * actions/checkout leaves it: only the head commit is present.
 */
export async function shallowClone(source: GitRepo): Promise<GitRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'lg-clone-'))
  made.push(dir)
  const bare = join(dir, 'origin.git')
  await runGit(dir, ['clone', '-q', '--bare', source.dir, bare])
  await runGit(dir, ['clone', '-q', '--depth=1', `file://${bare}`, 'work'])
  return repoAt(join(dir, 'work'))
}

/** Removes every repository made so far. */
export async function removeRepos(): Promise<void> {
  await Promise.all(
    made.splice(0).map(dir => rm(dir, { recursive: true, force: true }))
  )
}
