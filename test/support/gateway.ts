import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayAnswer { status: number; body: string }

/**
 * A gateway (SMS, telephony) on this machine for the tests: it keeps what it is sent and answers
 * what the test says (`answer`, changed at will; a function of what came in so far), over real HTTP.
 */
export interface TestGateway<Body> {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; body: Body }>;
  answer: GatewayAnswer | ((received: TestGateway<Body>['received']) => GatewayAnswer);
  close(): Promise<void>;
}

export async function startGateway<Body = Record<string, unknown>>(path: string, answer: TestGateway<Body>['answer']): Promise<TestGateway<Body>> {
  const gateway: Omit<TestGateway<Body>, 'url' | 'close'> = { received: [], answer };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => {
      gateway.received.push({ headers: req.headers, body: JSON.parse(text) as Body });
      const a = typeof gateway.answer === 'function' ? gateway.answer(gateway.received) : gateway.answer;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(gateway, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); }),
  });
}
