// Runs a program to its end and collects what it printed; never rejects.
import { execFile, type ExecFileOptions } from 'node:child_process'

export interface ProcessRun {
  code: number
  stdout: string
  stderr: string
}

export function runProcess(
  command: string,
  args: string[],
  options: ExecFileOptions = {}
): Promise<ProcessRun> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024, ...options },
      (error, stdout, stderr) => {
        const code = error
          ? typeof error.code === 'number'
            ? error.code
            : -1
          : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      }
    )
  })
}
