/**
 * A real OpenSSH server for the SFTP delivery tests (the recipe of ECOSYSTEM.md): Debian's `sshd` in a
 * temporary folder on a free loopback port, a fresh host key, and a client key it accepts for the current
 * user. A test always stops it (`finally` or afterAll). CI installs openssh-server (.ci/run).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findCommand, freePort } from '../ingest/connectors/test-servers';

export interface TestSshd {
  readonly port: number;
  /** `SHA256:…` as `ssh-keygen -lf` prints it for the host key. */
  readonly hostKeyFingerprint: string;
  /** An OpenSSH private key the server accepts for `username`. */
  readonly clientPrivateKey: string;
  readonly username: string;
  /** The temporary folder: a test may upload under it (the server's user is the current user). */
  readonly dir: string;
  /** Restarts the server on the same port with a new host key, as a partner replacing its server would. */
  rotateHostKey(): Promise<void>;
  stop(): Promise<void>;
}

/** Null when this machine can start one; otherwise what is missing. */
export function missingSshd(): string | null {
  if (findCommand('sshd') === null) return "sshd (Debian's openssh-server package)";
  if (findCommand('ssh-keygen') === null) return 'ssh-keygen';
  return null;
}

function keygen(file: string): void {
  execFileSync(findCommand('ssh-keygen') ?? 'ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { stdio: 'ignore' });
}

/** The fingerprint `ssh-keygen -lf` prints: `256 SHA256:… comment (ED25519)`. */
export function fingerprintOf(publicKeyFile: string): string {
  const line = execFileSync(findCommand('ssh-keygen') ?? 'ssh-keygen', ['-lf', publicKeyFile], { encoding: 'utf8' });
  const match = /SHA256:[A-Za-z0-9+/]{43}/.exec(line);
  if (!match) throw new Error(`ssh-keygen printed no SHA256 fingerprint: ${line}`);
  return match[0];
}

/** A fresh key pair: a private key the server does not know, or another server's fingerprint. */
export function newKeyPair(): { privateKey: string; fingerprint: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-key-'));
  try {
    keygen(path.join(dir, 'key'));
    return { privateKey: fs.readFileSync(path.join(dir, 'key'), 'utf8'), fingerprint: fingerprintOf(path.join(dir, 'key.pub')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function accepts(port: number): Promise<boolean> {
  // sshd speaks first: its identification line means it is ready to serve a client.
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ready: boolean): void => {
      socket.destroy();
      resolve(ready);
    };
    socket.once('data', (chunk) => done(chunk.toString('latin1').startsWith('SSH-')));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

export async function startSshd(): Promise<TestSshd> {
  const missing = missingSshd();
  if (missing !== null) throw new Error(`Cannot start an SFTP server for the tests: ${missing} is missing (install openssh-server).`);
  // Without its privilege-separation folder sshd as root exits at once (255); not root, it cannot make it and needs none.
  try {
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  } catch {
    // the server's own log says why if it does not start
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-sshd-'));
  const port = await freePort();
  keygen(path.join(dir, 'host_ed25519'));
  keygen(path.join(dir, 'client_ed25519'));
  fs.copyFileSync(path.join(dir, 'client_ed25519.pub'), path.join(dir, 'authorized_keys'));
  fs.chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  const config = path.join(dir, 'sshd_config');
  fs.writeFileSync(
    config,
    [
      'ListenAddress 127.0.0.1',
      `HostKey ${dir}/host_ed25519`,
      'PidFile none',
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // StrictModes refuses keys under /tmp, which every user may write to.
      'StrictModes no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  const hostKey = path.join(dir, 'host_ed25519');
  let server = await serve(config, port).catch((error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  let hostKeyFingerprint = fingerprintOf(`${hostKey}.pub`);
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    get hostKeyFingerprint() {
      return hostKeyFingerprint;
    },
    clientPrivateKey: fs.readFileSync(path.join(dir, 'client_ed25519'), 'utf8'),
    username: os.userInfo().username,
    dir,
    rotateHostKey: async () => {
      await server.stop();
      fs.rmSync(hostKey);
      fs.rmSync(`${hostKey}.pub`);
      keygen(hostKey);
      hostKeyFingerprint = fingerprintOf(`${hostKey}.pub`);
      server = await serve(config, port);
    },
    stop,
  };
}

/** Starts sshd and waits until it greets a client; its own log is in the error when it does not start. */
async function serve(config: string, port: number): Promise<{ stop(): Promise<void> }> {
  const server = spawn(findCommand('sshd') ?? '/usr/sbin/sshd', ['-D', '-e', '-f', config, '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
  };
  const started = Date.now();
  while (!(await accepts(port))) {
    if (server.exitCode !== null || Date.now() - started > 10_000) {
      await stop();
      throw new Error(`sshd did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { stop };
}
