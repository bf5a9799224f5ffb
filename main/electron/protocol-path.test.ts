import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { contentTypeFor, resolveAppPath } from './resolve-app-path';

const root = path.resolve('/srv/custodia/out/renderer');

describe('resolveAppPath', () => {
  it('maps app://custodia URLs to files under the renderer folder', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://custodia/assets/index-AbC123.js')).toBe(path.join(root, 'assets', 'index-AbC123.js'));
    expect(resolveAppPath(root, 'app://custodia/assets/font%20name.woff2')).toBe(path.join(root, 'assets', 'font name.woff2'));
    expect(resolveAppPath(root, 'app://custodia/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAppPath(root, 'app://custodia/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://custodia')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://custodia/audit/verify')).toBe(path.join(root, 'index.html'));
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://custodia.evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///srv/custodia/out/renderer/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://custodia/index.html')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });

  it('never leaves the renderer folder', () => {
    const attempts = [
      'app://custodia/..%2F..%2F..%2Fetc%2Fpasswd.txt',
      'app://custodia/assets/..%2F..%2F..%2Fkeyslots.json',
      'app://custodia/%2e%2e%2f%2e%2e%2fvault.db',
      'app://custodia/%2Fetc%2Fpasswd.txt',
      'app://custodia/%2F%2Fserver%2Fshare%2Fx.js',
    ];
    for (const url of attempts) {
      const file = resolveAppPath(root, url);
      expect(file === null || file.startsWith(root + path.sep), url).toBe(true);
    }
    // Dot segments the URL parser itself normalises stay inside too.
    expect(resolveAppPath(root, 'app://custodia/../../etc/passwd.txt')).toBe(path.join(root, 'etc', 'passwd.txt'));
    expect(resolveAppPath(root, 'app://custodia/..%2F..%2Fetc%2Fpasswd.txt')).toBeNull();
  });

  it('refuses NUL bytes and malformed escapes', () => {
    expect(resolveAppPath(root, 'app://custodia/index.html%00.js')).toBeNull();
    expect(resolveAppPath(root, 'app://custodia/%E0%A4%A.js')).toBeNull();
  });

  it('applies Windows path rules, where a backslash separates folders', () => {
    const winRoot = 'C:\\Program Files\\Custodia\\resources\\app.asar\\out\\renderer';
    expect(resolveAppPath(winRoot, 'app://custodia/assets/app.js', path.win32)).toBe(`${winRoot}\\assets\\app.js`);
    expect(resolveAppPath(winRoot, 'app://custodia/..%5C..%5C..%5Cvault.db', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://custodia/assets%5C..%5C..%5C..%5Cx.js', path.win32)).toBeNull();
    expect(resolveAppPath(winRoot, 'app://custodia/C:%5CWindows%5Cwin.ini', path.win32)).toBeNull();
    // A UNC-looking path loses its leading separators and stays inside.
    expect(resolveAppPath(winRoot, 'app://custodia/%5C%5Cserver%5Cshare%5Cx.js', path.win32)).toBe(`${winRoot}\\server\\share\\x.js`);
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build produces and falls back to octet-stream', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.bin')).toBe('application/octet-stream');
  });
});

describe('isAppUrl', () => {
  it('accepts our origin only', () => {
    expect(isAppUrl('app://custodia/index.html')).toBe(true);
    expect(isAppUrl('app://custodia/#/users')).toBe(true);
    for (const url of [
      'app://custodia',
      'app://custodia.evil/',
      'app://custodiax/',
      'app://user@custodia/',
      'https://custodia/',
      'file:///index.html',
      'about:blank',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
