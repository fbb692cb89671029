/**
 * The link's form, asked for by the page's HTML before its script arrives: on a slow phone that
 * saves a round trip (`pnpm bench`: feedback-page-open). `askForFormEarly` runs as an inline
 * script in the head of feedback.html and measures.html (vite.anonymous-pages.config.ts writes its
 * source there, with the page's form path), so it must stay self-contained; `loadLinkForm` takes
 * its reply. The secret travels in the body, as in every call of these pages.
 */
export interface EarlyFormCall {
  path: string;
  token: string;
  reply: Promise<Response | null>;
}

declare global {
  interface Window {
    lenaEarlyFormCall?: EarlyFormCall;
  }
}

/** Starts `POST path` with the address's fragment as the token, and leaves the call for the page's script. */
export function askForFormEarly(path: string): void {
  try {
    const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    const reply = fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    }).catch(() => null);
    window.lenaEarlyFormCall = { path, token, reply };
  } catch {
    // An address that is not a link (a malformed fragment): the page's script says so.
  }
}

/** The early call's reply, if the HTML made this very call; taken once (a later load asks again). */
export function takeEarlyReply(path: string, token: string): Promise<Response | null> | null {
  const early = window.lenaEarlyFormCall;
  if (!early || early.path !== path || early.token !== token) return null;
  delete window.lenaEarlyFormCall;
  return early.reply;
}
