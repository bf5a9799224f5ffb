import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-vault';
import { checkOutputDir, enclosingVault, ensureOutputDir, OutputFile, writeOutputFile } from './output-file';

function fakeVault(): string {
  const dir = path.join(tempDir(), 'vault');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'vault.db'), 'encrypted');
  fs.writeFileSync(path.join(dir, 'keyslots.json'), '{}');
  return dir;
}

const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('output files', () => {
  it('refuses every path inside a vault folder, at any depth and through a symbolic link', () => {
    const vault = fakeVault();
    for (const target of ['vault.db', 'keyslots.json', 'other.csv', 'staging/x.csv', 'new/deeper/x.csv']) {
      expect(() => writeOutputFile(path.join(vault, target), 'a,b\r\n', { overwrite: true })).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', params: expect.objectContaining({ reason: 'outputInVault', vault }) }),
      );
    }
    const link = path.join(tempDir(), 'link');
    fs.symlinkSync(vault, link);
    expect(enclosingVault(path.join(link, 'vault.db'))).not.toBeNull();
    expect(() => writeOutputFile(path.join(link, 'x.csv'), 'a')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => checkOutputDir(path.join(vault, 'exports'))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(fs.readFileSync(path.join(vault, 'vault.db'), 'utf8')).toBe('encrypted');
    expect(fs.readdirSync(vault).sort()).toEqual(['keyslots.json', 'vault.db']);
  });

  it('never replaces an existing file unless asked, and leaves it untouched when refused', () => {
    const file = path.join(tempDir(), 'rejects.csv');
    fs.writeFileSync(file, 'earlier work');
    expect(() => writeOutputFile(file, 'new')).toThrow(expect.objectContaining({ code: 'CONFLICT', params: { reason: 'fileExists', path: file } }));
    expect(fs.readFileSync(file, 'utf8')).toBe('earlier work');
    writeOutputFile(file, 'new', { overwrite: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(() => writeOutputFile(path.dirname(file), 'x', { overwrite: true })).toThrow(
      expect.objectContaining({ params: expect.objectContaining({ reason: 'outputIsFolder' }) }),
    );
  });

  it('writes beside the target and names it only when complete; an aborted file leaves nothing', () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.csv');
    const file = OutputFile.open(target);
    file.write('half');
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(dir)).toHaveLength(1);
    file.abort();
    expect(fs.readdirSync(dir)).toEqual([]);

    const done = OutputFile.open(target);
    done.write('whole');
    done.write(Buffer.from(' file'));
    expect(done.commit()).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('whole file');
    expect(fs.readdirSync(dir)).toEqual(['out.csv']);
  });

  it('creates files readable by their owner only, and new folders likewise', () => {
    const dir = path.join(tempDir(), 'exports', '2026');
    const file = writeOutputFile(path.join(dir, 'a.csv'), 'x');
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.dirname(dir))).toBe(0o700);
    expect(ensureOutputDir(dir)).toBe(dir);
  });

  it('refuses a file that appeared at the target while it was being written', () => {
    const target = path.join(tempDir(), 'race.csv');
    const file = OutputFile.open(target);
    file.write('mine');
    fs.writeFileSync(target, 'theirs');
    expect(() => file.commit()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(fs.readFileSync(target, 'utf8')).toBe('theirs');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['race.csv']);
  });
});
