import * as rruleModule from 'rrule';

/**
 * rrule 2.8 ships a CommonJS bundle beside ESM-only type declarations, without `exports` or
 * `"type": "module"` (jkbrzt/rrule#548). Node's ESM loader (our built API and worker) therefore
 * sees its exports only under `default`, while jest's CommonJS interop and the portals' bundler
 * see them as named exports. This one file takes them from whichever shape the loader gives.
 */
type RRuleLibrary = typeof rruleModule;
// Reflect.get, because bundlers warn about `.default` on a module whose ESM build has none.
const library: RRuleLibrary = 'RRule' in rruleModule && rruleModule.RRule ? rruleModule : (Reflect.get(rruleModule, 'default') as RRuleLibrary);

export const { RRule, Weekday } = library;
export type { Options as RRuleOptions, Weekday as RRuleWeekday } from 'rrule';
