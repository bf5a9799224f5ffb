/**
 * Browser mode's launch token. It arrives in the URL fragment (never sent to servers or logs), is kept
 * in sessionStorage so that a reload still works, and is removed from the address bar at once so it
 * does not end up in history, bookmarks or screenshots.
 */
export const TOKEN_STORAGE_KEY = 'custodia.token';

export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && token.length > 0 ? token : null;
}

export function takeLaunchToken(): string | null {
  const fromHash = tokenFromHash(window.location.hash);
  if (fromHash) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash);
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}
