import { useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, Form, SelectField, TextField, TimeZoneField, type SelectOption } from '@lena/ui';
import { useState } from 'react';

export interface TenantFormValues {
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
  minReportingGroupSize: number;
  orgAdminsSeeIndividualAttendance: boolean;
}

export const DEFAULT_TENANT_VALUES: TenantFormValues = {
  name: '',
  slug: '',
  timeZone: 'Europe/London',
  locale: 'en-GB',
  minReportingGroupSize: 5,
  orgAdminsSeeIndividualAttendance: false,
};

const LOCALES: SelectOption[] = [
  { value: 'en-GB', label: 'English (United Kingdom)' },
  { value: 'cy-GB', label: 'Welsh (United Kingdom)' },
  { value: 'en-IE', label: 'English (Ireland)' },
  { value: 'en-AU', label: 'English (Australia)' },
  { value: 'en-NZ', label: 'English (New Zealand)' },
  { value: 'en-CA', label: 'English (Canada)' },
  { value: 'en-US', label: 'English (United States)' },
];

/** A suggested short name: "St Mary’s Hospice" → "st-marys-hospice". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

export interface TenantFormProps {
  id: string;
  initial: TenantFormValues;
  submitLabel: string;
  /** On a new organisation the short name follows the name until someone edits it. */
  suggestSlugFromName?: boolean;
  /** Sends the values (the page's mutation) and says what happened; if it throws, the API's problems show on the form. */
  onSubmit: (values: TenantFormValues) => Promise<unknown>;
}

/** The organisation fields, shared by "Add an organisation" and the organisation's own page. */
export function TenantForm({ id, initial, submitLabel, suggestSlugFromName = false, onSubmit }: TenantFormProps) {
  const [name, setName] = useState(initial.name);
  const [slug, setSlug] = useState(initial.slug);
  const [slugEdited, setSlugEdited] = useState(!suggestSlugFromName);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [locale, setLocale] = useState(initial.locale);
  const [minSize, setMinSize] = useState(String(initial.minReportingGroupSize));
  const [individualAttendance, setIndividualAttendance] = useState(initial.orgAdminsSeeIndividualAttendance);
  const form = useMutationForm();
  const locales = LOCALES.some((option) => option.value === initial.locale) ? LOCALES : [{ value: initial.locale, label: initial.locale }, ...LOCALES];

  return (
    <Form
      id={id}
      errors={form.errors}
      onSubmit={() => {
        const problems = [];
        if (!name.trim()) problems.push({ field: 'name', message: 'Enter the organisation’s name.' });
        if (!slug.trim()) problems.push({ field: 'slug', message: 'Enter a short name.' });
        const size = Number(minSize);
        if (!/^\d+$/.test(minSize.trim()) || !Number.isInteger(size)) {
          problems.push({ field: 'minReportingGroupSize', message: 'Enter the minimum reporting group size as a whole number, like 5.' });
        }
        if (problems.length > 0) return form.fail({ fieldProblems: problems });
        void form.send(() =>
          onSubmit({
            name: name.trim(),
            slug: slug.trim(),
            timeZone,
            locale,
            minReportingGroupSize: size,
            orgAdminsSeeIndividualAttendance: individualAttendance,
          }),
        );
      }}
    >
      <TextField
        label="Organisation name"
        name="name"
        autoComplete="organization"
        value={name}
        onChange={(value) => {
          setName(value);
          if (!slugEdited) setSlug(suggestSlug(value));
        }}
      />
      <TextField
        label="Short name"
        name="slug"
        width="medium"
        spellCheck={false}
        autoCapitalize="none"
        hint="Used in web addresses. Lower-case letters, digits and single hyphens, like north-ambulance."
        value={slug}
        onChange={(value) => {
          setSlug(value);
          setSlugEdited(true);
        }}
      />
      <TimeZoneField name="timeZone" hint="Sessions are scheduled in this zone. Type a city or country to find another." value={timeZone} onChange={setTimeZone} />
      <SelectField label="Locale" name="locale" hint="Sets the language and date formats of emails." options={locales} value={locale} onChange={setLocale} />
      <TextField
        label="Minimum reporting group size"
        name="minReportingGroupSize"
        inputMode="numeric"
        width="short"
        hint="Figures from fewer people than this are never shown, so nobody can be singled out. At least 5."
        value={minSize}
        onChange={setMinSize}
      />
      <Checkbox
        label="Organisation admins may see individual attendance"
        name="orgAdminsSeeIndividualAttendance"
        hint="Otherwise organisation admins see attendance only as totals."
        checked={individualAttendance}
        onChange={setIndividualAttendance}
      />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
