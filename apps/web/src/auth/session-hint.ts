/**
 * The session cookie is HttpOnly, so the page cannot see whether it holds one. Rather than ask
 * the server on every visit (a guaranteed 401 for anyone logged out), we remember that this
 * browser logged in, and only then ask who we are. The server remains the authority: a stale
 * hint costs one 401 and is then cleared.
 */
const KEY = 'coterie:signed-in';

export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    // Storage can be disabled; asking the server is then the only way to know.
    return true;
  }
}

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(KEY, '1');
    else window.localStorage.removeItem(KEY);
  } catch {
    // Nothing to remember it in; the next visit will ask the server.
  }
}
