import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * History as a JSON Lines file (the CLI's `--history FILE`, `store: file`).
 * Written to a temporary file and renamed, so a crash never leaves half a file.
 */
export class FileHistoryStore {
  readonly where: string
  private readonly file: string

  constructor(file: string) {
    this.file = file
    this.where = `file ${file}`
  }

  async read(): Promise<string> {
    try {
      return await readFile(this.file, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
      throw error
    }
  }

  async update(change: (text: string) => string): Promise<void> {
    const next = change(await this.read())
    await mkdir(dirname(this.file), { recursive: true })
    const temporary = `${this.file}.${process.pid}.tmp`
    await writeFile(temporary, next)
    await rename(temporary, this.file)
  }
}
