/**
 * Secrets never leave the backend: a database password, an API header value, the password part of a URL
 * (`https://user:secret@host`) and query parameters whose name says they are a secret (`api_key`,
 * `token`…) are replaced by MASK in every answer. An update that sends a masked value back unchanged
 * keeps the stored secret, so a form can show the configuration and save it again without retyping.
 */
import { AppError } from '../../core/errors';
import { MASK, type ConnectorSpec } from './config';

const SECRET_PARAM = /(pass|secret|token|key|sig|auth|credential)/i;

/** Masks the password of a URL's user info and the values of secret-looking query parameters. */
export function maskUrl(text: string): string {
  if (text === '') return text;
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(text, 'http://relative.invalid');
  } catch {
    return text;
  }
  let changed = false;
  if (absolute && url.password) {
    url.password = 'MASKED';
    changed = true;
  }
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, 'MASKED');
      changed = true;
    }
  }
  if (!changed) return text;
  const masked = absolute ? url.href : `${url.pathname}${url.search}${url.hash}`;
  // The path keeps its leading slash only when the original had one.
  const relative = !absolute && !text.startsWith('/') ? masked.replace(/^\//, '') : masked;
  return relative.replaceAll('MASKED', MASK).replaceAll(encodeURIComponent(MASK), MASK);
}

export function maskSpec(spec: ConnectorSpec): ConnectorSpec {
  switch (spec.kind) {
    case 'postgres':
      return { kind: spec.kind, config: { ...spec.config, password: spec.config.password ? MASK : '' } };
    case 'mysql':
      return { kind: spec.kind, config: { ...spec.config, password: spec.config.password ? MASK : '' } };
    case 'rest': {
      const { authHeader } = spec.config;
      return {
        kind: spec.kind,
        config: {
          ...spec.config,
          baseUrl: maskUrl(spec.config.baseUrl),
          path: maskUrl(spec.config.path),
          ...(authHeader ? { authHeader: { name: authHeader.name, value: MASK } } : {}),
        },
      };
    }
    case 'folder':
      return spec;
  }
}

/** A value sent back as it was shown (masked) means "unchanged": take the stored one. */
function kept(next: string, previous: string | undefined, masked: (value: string) => string): string {
  if (previous === undefined) return next;
  return next === MASK || next === masked(previous) ? previous : next;
}

/**
 * A stored secret is only ever sent where it was entered for. Without this, anyone allowed to edit a
 * connector could point it at a server of their own and let the next sync hand them a password or token
 * they were never shown.
 */
function refuseMovedSecret(secret: string, destination: string): never {
  throw new AppError(
    'INVALID_INPUT',
    `The ${destination} changed, so the stored ${secret} is not kept: type it again. A stored secret is only sent to the server it was entered for.`,
    { reason: 'secretMoved' },
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The configuration to store: `next`, with masked secrets replaced by the ones `previous` held. */
export function keepSecrets(next: ConnectorSpec, previous: ConnectorSpec | null): ConnectorSpec {
  if (!previous || previous.kind !== next.kind) return next;
  switch (next.kind) {
    case 'postgres':
    case 'mysql': {
      const old = previous.config as { password: string; host: string; port: number };
      const password = kept(next.config.password, old.password, () => MASK);
      const moved = next.config.host !== old.host || next.config.port !== old.port;
      if (moved && old.password !== '' && password === old.password && next.config.password !== old.password) refuseMovedSecret('password', 'server');
      return { ...next, config: { ...next.config, password } } as ConnectorSpec;
    }
    case 'rest': {
      const old = previous.kind === 'rest' ? previous.config : undefined;
      const header = next.config.authHeader;
      const baseUrl = kept(next.config.baseUrl, old?.baseUrl, maskUrl);
      const path = kept(next.config.path, old?.path, maskUrl);
      const headerValue = header ? kept(header.value, old?.authHeader?.value, () => MASK) : undefined;
      if (old && originOf(baseUrl) !== originOf(old.baseUrl)) {
        if (header && old.authHeader && header.value !== old.authHeader.value && headerValue === old.authHeader.value)
          refuseMovedSecret('header value', 'API’s server');
        if (path !== next.config.path && maskUrl(old.path) !== old.path) refuseMovedSecret('secret in the path', 'API’s server');
      }
      return {
        kind: 'rest',
        config: {
          ...next.config,
          baseUrl,
          path,
          ...(header ? { authHeader: { name: header.name, value: headerValue! } } : {}),
        },
      };
    }
    case 'folder':
      return next;
  }
}
