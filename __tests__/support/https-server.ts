// HTTPS servers on 127.0.0.1 with ephemeral ports, with a test certificate.
import { createServer, type ServerOptions } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { KeyPair } from './certs.ts'
import type { Handler, TestServer } from './http-server.ts'

/** Starts an HTTPS server on 127.0.0.1:0; `tls` adds options (maxVersion...). */
export async function startHttpsServer(
  pair: KeyPair,
  handler: Handler,
  tls: ServerOptions = {}
): Promise<TestServer & { port: number }> {
  const requests: TestServer['requests'] = []
  const server = createServer({ ...pair, ...tls }, (req, res) => {
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers
    })
    handler(req, res)
  })
  // Handshakes the client abandons (bad certificates) are expected here.
  server.on('tlsClientError', () => {})
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
