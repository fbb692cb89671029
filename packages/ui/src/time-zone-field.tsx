import { useMemo, type ReactNode } from 'react';
import { ComboboxField, type ComboboxGroup, type ComboboxOption } from './combobox-field.js';
import { viewerTimeZone } from './date-time.js';

/** The zones most of Lena's organisations are in, with the countries they serve (searchable). */
const USUAL_ZONES: readonly { zone: string; where: string }[] = [
  { zone: 'Europe/London', where: 'United Kingdom' },
  { zone: 'Europe/Dublin', where: 'Ireland' },
];

/** "Europe/Isle_of_Man" → "Europe/Isle of Man"; with the country for the usual zones. */
function zoneOption(zone: string, note?: string): ComboboxOption {
  const usual = USUAL_ZONES.find((candidate) => candidate.zone === zone);
  const label = zone.replace(/_/g, ' ');
  const notes = [usual?.where, note].filter(Boolean).join(', ');
  return { value: zone, label: notes ? `${label} (${notes})` : label, keywords: usual?.where };
}

/**
 * The groups to offer: first the person's own zone and the UK and Ireland zones, then every zone
 * the browser knows (alphabetical), so the likely choice is at the top and any other is a search away.
 */
export function timeZoneGroups(current: string, ownZone: string = viewerTimeZone()): [suggested: ComboboxGroup, all: ComboboxGroup] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : USUAL_ZONES.map((usual) => usual.zone).concat('UTC');
  const all = [...new Set([...known, current].filter(Boolean))].sort();
  const likely = [...new Set([ownZone, ...USUAL_ZONES.map((usual) => usual.zone), current])].filter((zone) => zone && all.includes(zone));
  return [
    { label: 'Suggested', options: likely.map((zone) => zoneOption(zone, zone === ownZone ? 'your zone' : undefined)) },
    { label: 'All time zones', options: all.map((zone) => zoneOption(zone)) },
  ];
}

export interface TimeZoneFieldProps {
  label?: ReactNode;
  hint?: ReactNode;
  name: string;
  value: string;
  onChange: (zone: string) => void;
  /** The zone to call "your zone"; the browser's by default. */
  ownZone?: string;
}

/** Choose an IANA time zone: likely zones first, and every zone searchable by typing. */
export function TimeZoneField({ label = 'Time zone', hint, name, value, onChange, ownZone }: TimeZoneFieldProps) {
  const groups = useMemo(() => timeZoneGroups(value, ownZone), [value, ownZone]);
  return (
    <ComboboxField
      label={label}
      hint={hint}
      name={name}
      value={value}
      onChange={onChange}
      groups={groups}
      noMatches="No time zone matches that. Try a city, such as London or Dublin."
    />
  );
}
