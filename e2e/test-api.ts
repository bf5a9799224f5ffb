/**
 * A small customer API for the REST connector specs, on 127.0.0.1 behind an Authorization header: the
 * same customers at an old address (`/v1/customers`, in `data`) and a new one (`/v2/clients`, in `items`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN = 'Bearer s3cret-token-1234';
export const PEOPLE = [
  { id: 1, first_name: 'Hélène', last_name: 'Tremblay', email: 'helene@exemple.ca' },
  { id: 2, first_name: 'Zoé', last_name: 'Roy', email: 'zoe@exemple.ca' },
];

export interface TestApi {
  readonly baseUrl: string;
  /** The Authorization header of every request received. */
  readonly seen: string[];
  close(): Promise<void>;
}

export async function startApi(): Promise<TestApi> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    seen.push(request.headers.authorization ?? '');
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== TOKEN) return send(401, { error: 'unauthorized' });
    const people = Number(url.searchParams.get('page') ?? 1) === 1 ? PEOPLE : [];
    if (url.pathname === '/v1/customers') return send(200, { data: people });
    if (url.pathname === '/v2/clients') return send(200, { items: people });
    return send(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
