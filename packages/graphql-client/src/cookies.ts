/** The cookie the API sets at sign-in for double-submit CSRF protection (readable by scripts). */
export const CSRF_COOKIE = 'lena_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** A cookie's value from `document.cookie`, or null (also outside a browser). */
export function readCookie(name: string, cookieString: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const pair of cookieString.split(';')) {
    const index = pair.indexOf('=');
    if (index < 0) continue;
    if (pair.slice(0, index).trim() === name) {
      const value = pair.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/** Headers every request from the browser sends: the CSRF token when there is one. */
export function csrfHeaders(): Record<string, string> {
  const token = readCookie(CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}
