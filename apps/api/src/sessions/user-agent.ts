import Bowser from 'bowser';

/**
 * A user agent in words a person recognises ("Firefox 133 on Windows 10", "Safari 18 on iOS 18.1"),
 * so they can tell their own devices from someone else's. Unknown parts are said to be unknown.
 */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent?.trim()) return 'Unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  const majorVersion = browser.version?.split('.')[0];
  const browserName = browser.name ? [browser.name, majorVersion].filter(Boolean).join(' ') : 'Unknown browser';
  const system = os.name ? [os.name, os.versionName ?? os.version].filter(Boolean).join(' ') : null;
  return system ? `${browserName} on ${system}` : browserName;
}
