import { parseDate, parseDateTime, parseTime, type CalendarDate, type CalendarDateTime, type Time } from '@internationalized/date';
import type { ReactNode } from 'react';
import {
  Button as AriaButton,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  I18nProvider,
  Label,
  Popover,
  Text,
  TimeField as AriaTimeField,
} from 'react-aria-components';
import { cx } from './class-names.js';
import { useFieldState } from './form.js';

/*
 * Dates and times are typed into segments (day, month, year, hour, minute) that each take the
 * keyboard, with a calendar to pick from for dates: React Aria's fields, which behave the same in
 * every browser (the native inputs do not) and announce each part to a screen reader. Values go in
 * and out as the wall-clock ISO strings the API takes with a time zone: "2027-03-17",
 * "10:00", "2027-03-17T10:00". Copy is British: day before month, a 24-hour clock ("09:00").
 */

const LOCALE = 'en-GB';

interface DateTimeFieldBaseProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Overrides the error the surrounding <Form> has for this field's name. */
  error?: string | null;
  name: string;
  id?: string;
  isRequired?: boolean;
  isDisabled?: boolean;
}

/** An ISO value parsed for React Aria, or null when empty or not a value of this kind. */
function parsed<T>(value: string, parse: (value: string) => T): T | null {
  if (!value) return null;
  try {
    return parse(value);
  } catch {
    return null;
  }
}

function FieldParts({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <Text slot="description" className="lena-field__hint" id={`${id}-hint`}>
          {hint}
        </Text>
      ) : null}
      <FieldError className="lena-field__error">
        <span className="lena-visually-hidden">Error: </span>
        {error}
      </FieldError>
    </>
  );
}

function Segments() {
  return <DateInput className="lena-date-input">{(segment) => <DateSegment segment={segment} className="lena-date-input__segment" />}</DateInput>;
}

export interface TimeFieldProps extends DateTimeFieldBaseProps {
  /** "HH:mm", or "" when empty. */
  value: string;
  onChange: (value: string) => void;
}

/** A time of day, "HH:mm", on a 24-hour clock. */
export function TimeField({ label, hint, error: explicitError, name, id: explicitId, value, onChange, isRequired, isDisabled }: TimeFieldProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  return (
    <I18nProvider locale={LOCALE}>
      <AriaTimeField<Time>
        id={id}
        name={name}
        className={cx('lena-field', error && 'lena-field--error')}
        value={parsed(value, parseTime)}
        onChange={(time) => onChange(time ? time.toString().slice(0, 5) : '')}
        hourCycle={24}
        granularity="minute"
        shouldForceLeadingZeros
        isInvalid={Boolean(error)}
        isRequired={isRequired}
        isDisabled={isDisabled}
        validationBehavior="aria"
      >
        <Label className="lena-field__label">{label}</Label>
        <FieldParts id={id} hint={hint} error={error} />
        <Segments />
      </AriaTimeField>
    </I18nProvider>
  );
}

export interface DatePickerFieldProps extends DateTimeFieldBaseProps {
  /** "YYYY-MM-DD" (or "YYYY-MM-DDTHH:mm" with `withTime`), or "" when empty. */
  value: string;
  onChange: (value: string) => void;
  /** Also asks for the time of day; the value is then a wall-clock date-time. */
  withTime?: boolean;
  /** The earliest date offered, "YYYY-MM-DD". */
  minDate?: string;
}

/** A date (or a date and time) typed in segments or picked from a calendar. */
export function DatePickerField({
  label,
  hint,
  error: explicitError,
  name,
  id: explicitId,
  value,
  onChange,
  withTime = false,
  minDate,
  isRequired,
  isDisabled,
}: DatePickerFieldProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  const current: CalendarDate | CalendarDateTime | null = withTime ? parsed(value, parseDateTime) : parsed(value, parseDate);
  return (
    <I18nProvider locale={LOCALE}>
      <DatePicker<CalendarDate | CalendarDateTime>
        id={id}
        name={name}
        className={cx('lena-field', error && 'lena-field--error')}
        value={current}
        onChange={(date) => onChange(date ? date.toString().slice(0, withTime ? 16 : 10) : '')}
        granularity={withTime ? 'minute' : 'day'}
        hourCycle={24}
        shouldForceLeadingZeros
        minValue={parsed(minDate ?? '', parseDate)}
        isInvalid={Boolean(error)}
        isRequired={isRequired}
        isDisabled={isDisabled}
        validationBehavior="aria"
      >
        <Label className="lena-field__label">{label}</Label>
        <FieldParts id={id} hint={hint} error={error} />
        <Group className="lena-date-picker">
          <Segments />
          <AriaButton className="lena-date-picker__button" aria-label="Choose from a calendar">
            <span aria-hidden="true">▾</span>
          </AriaButton>
        </Group>
        <Popover className="lena-popover" placement="bottom start">
          <Dialog className="lena-calendar-dialog" aria-label="Calendar">
            <Calendar className="lena-calendar">
              <header className="lena-calendar__header">
                <AriaButton slot="previous" className="lena-calendar__nav" aria-label="Previous month">
                  ‹
                </AriaButton>
                <Heading className="lena-calendar__heading" />
                <AriaButton slot="next" className="lena-calendar__nav" aria-label="Next month">
                  ›
                </AriaButton>
              </header>
              <CalendarGrid className="lena-calendar__grid">{(date) => <CalendarCell date={date} className="lena-calendar__cell" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
    </I18nProvider>
  );
}
