// Real HTTP servers on 127.0.0.1 with ephemeral ports, for checks to probe.
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface TestServer {
  url: string
  /** Requests seen, in order: method and path. */
  requests: {
    method: string
    path: string
    headers: IncomingMessage['headers']
  }[]
  close(): Promise<void>
}

/**
 * Starts a server on 127.0.0.1:0 (or another loopback address, e.g.
 * 127.0.0.2 as another site); closing also drops hung connections.
 */
export async function startServer(
  handler: Handler,
  host = '127.0.0.1'
): Promise<TestServer> {
  const requests: TestServer['requests'] = []
  const server: Server = createServer((req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers
    })
    handler(req, res)
  })
  await new Promise<void>(resolve => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A port on 127.0.0.1 with nothing listening: connections are refused. */
export async function refusedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
