/**
 * JSON given on the command line: a file, or standard input when the name is `-`. Standard input lets a
 * connector's settings, password included, come from a secret store through a pipe without ever being
 * written to disk; the vault's passphrase must then come from CUSTODIA_PASSPHRASE (stdin is taken).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';
import type { CliIo } from './output';

export const STDIN = '-';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJsonInput(name: string, what: string, io: CliIo): Promise<unknown> {
  const where = name === STDIN ? 'standard input' : `file ${name}`;
  let text: string;
  try {
    text = name === STDIN ? await readAll(io.stdin) : fs.readFileSync(path.resolve(name), 'utf8');
  } catch (error) {
    throw new CliError('INVALID_INPUT', `Cannot read the ${what} ${where}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `The ${what} in ${where} is not JSON: ${(error as Error).message}`);
  }
}
