/** The languages emails are written in. Every other locale reads the English copy. */
export type EmailLanguage = 'en' | 'cy';

/** How one email speaks: its copy's language, and the locale and zone its dates are written in. */
export interface EmailLocale {
  language: EmailLanguage;
  /** A BCP 47 locale for Intl and the `lang` attribute, e.g. en-AU. */
  locale: string;
  /** An IANA time zone, e.g. Pacific/Auckland. */
  timeZone: string;
}

/** The provider's own settings: for staff, who belong to no organisation. */
export const PROVIDER_EMAIL_LOCALE: EmailLocale = { language: 'en', locale: 'en-GB', timeZone: 'Europe/London' };

/**
 * An organisation's locale and time zone as its emails use them, or the provider's defaults for
 * someone in no organisation. The tenant form offers en-GB, cy-GB and other en-* locales; a
 * locale we have no copy for falls back wholly to the provider's (English copy with an English
 * date beside it reads better than English copy with another language's dates).
 */
export function emailLocale(settings: { locale: string; timeZone: string } | null): EmailLocale {
  if (!settings) return PROVIDER_EMAIL_LOCALE;
  const locale = canonicalLocale(settings.locale);
  const [language] = locale?.toLowerCase().split('-') ?? [];
  const timeZone = isTimeZone(settings.timeZone) ? settings.timeZone : PROVIDER_EMAIL_LOCALE.timeZone;
  if (locale && (language === 'en' || language === 'cy')) return { language, locale, timeZone };
  return { ...PROVIDER_EMAIL_LOCALE, timeZone };
}

/**
 * A moment as the reader's organisation writes it, with the zone's name spelt out (e.g.
 * "Wednesday 11 March 2026 at 6:30 am New Zealand Daylight Time"), so no one has to work out
 * which clock is meant.
 */
export function formatDateTime(moment: Date, { locale, timeZone }: EmailLocale): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'long',
  }).format(moment);
}

function canonicalLocale(locale: string): string | null {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? null;
  } catch {
    return null;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
