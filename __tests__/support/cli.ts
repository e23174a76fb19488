// Runs the CLI's main() in-process with captured output.
import { main, type CliIo } from '../../src/cli/main.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function runCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string> }
): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = {
    stdout: text => void (stdout += text),
    stderr: text => void (stderr += text),
    isTty: false,
    env: options.env ?? {},
    cwd: options.cwd
  }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}
