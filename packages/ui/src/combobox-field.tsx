import { useCombobox } from 'downshift';
import { useMemo, useState, type ReactNode } from 'react';
import { cx } from './class-names.js';
import { controlProps, FieldFrame } from './fields.js';
import { useFieldState } from './form.js';

export interface ComboboxOption {
  value: string;
  /** What the list shows and the input holds once chosen. */
  label: string;
  /** Extra words a search matches but the list does not show, e.g. a country for a time zone. */
  keywords?: string;
}

export interface ComboboxGroup {
  /** The group's heading in the list, e.g. "Suggested". */
  label: string;
  options: readonly ComboboxOption[];
}

export interface ComboboxFieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  id?: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  /** In the order to offer them: the likeliest group first. An option may be in more than one group. */
  groups: readonly ComboboxGroup[];
  /** Said when nothing matches what was typed, e.g. "No time zone matches that." */
  noMatches: string;
}

/** Lower-case words without the punctuation of identifiers: "Europe/Isle_of_Man" → "europe isle of man". */
function searchable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_/(),+-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A text input that filters a list of choices as the person types: the WAI-ARIA combobox pattern
 * (from downshift), so arrow keys move through the list, Enter chooses, Escape closes, and screen
 * readers hear the highlighted option. Groups keep their order, so likely choices stay on top.
 */
export function ComboboxField({ label, hint, error: explicitError, id: explicitId, name, value, onChange, groups, noMatches }: ComboboxFieldProps) {
  const { id, error } = useFieldState(name, explicitId, explicitError);
  const [query, setQuery] = useState('');

  const visibleGroups = useMemo(() => {
    const words = searchable(query).split(' ').filter(Boolean);
    return groups
      .map((group) => ({
        ...group,
        options: group.options.filter((option) => {
          const text = searchable(`${option.value} ${option.label} ${option.keywords ?? ''}`);
          return words.every((word) => text.includes(word));
        }),
      }))
      .filter((group) => group.options.length > 0);
  }, [groups, query]);
  // Downshift works on one flat list; each entry remembers its group for the markup.
  const items = useMemo(() => visibleGroups.flatMap((group) => group.options.map((option) => ({ option, group: group.label }))), [visibleGroups]);
  // One object for as long as the value stays: downshift resets the input whenever it changes.
  // Taken from the last group that has it: the full list, whose labels carry no notes like "your zone".
  const selectedItem = useMemo(() => {
    for (const group of [...groups].reverse()) {
      const option = group.options.find((candidate) => candidate.value === value);
      if (option) return { option, group: group.label };
    }
    return null;
  }, [groups, value]);

  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } = useCombobox({
    items,
    inputId: id,
    labelId: `${id}-label`,
    menuId: `${id}-listbox`,
    itemToString: (item) => item?.option.label ?? '',
    // A zone offered twice (suggested, and in the full list) is one choice.
    itemToKey: (item) => item?.option.value ?? null,
    selectedItem,
    onSelectedItemChange: ({ selectedItem }) => {
      setQuery('');
      if (selectedItem) onChange(selectedItem.option.value);
    },
    onInputValueChange: ({ inputValue, type }) => {
      if (type === useCombobox.stateChangeTypes.InputChange) setQuery(inputValue);
    },
    onIsOpenChange: ({ isOpen: open }) => {
      // Closing without choosing puts the chosen value back in the input: nothing half-typed stays.
      if (!open) setQuery('');
    },
  });

  const { id: _controlId, name: _controlName, ...described } = controlProps(id, name, hint, error);
  let index = -1;
  return (
    <FieldFrame id={id} labelId={`${id}-label`} label={label} hint={hint} error={error}>
      <div className={cx('lena-combobox', isOpen && 'lena-combobox--open')}>
        <div className="lena-combobox__control">
          <input {...getInputProps({ ...described, name, className: 'lena-input lena-combobox__input', autoComplete: 'off', spellCheck: false })} />
          <button {...getToggleButtonProps({ type: 'button', className: 'lena-combobox__toggle', tabIndex: -1, 'aria-label': 'Show the choices' })}>
            <span aria-hidden="true">▾</span>
          </button>
        </div>
        <ul {...getMenuProps({ className: 'lena-combobox__menu', hidden: !isOpen })}>
          {isOpen && items.length === 0 && (
            <li role="presentation" className="lena-combobox__empty">
              {noMatches}
            </li>
          )}
          {isOpen &&
            visibleGroups.map((group) => (
              <li key={group.label} role="presentation">
                <div id={`${id}-group-${searchable(group.label).replace(/ /g, '-')}`} className="lena-combobox__group" aria-hidden="true">
                  {group.label}
                </div>
                <ul role="group" aria-labelledby={`${id}-group-${searchable(group.label).replace(/ /g, '-')}`} className="lena-combobox__options">
                  {group.options.map((option) => {
                    index += 1;
                    const item = items[index];
                    return (
                      <li
                        key={`${group.label}:${option.value}`}
                        {...getItemProps({ item, index })}
                        className={cx(
                          'lena-combobox__option',
                          highlightedIndex === index && 'lena-combobox__option--highlighted',
                          option.value === value && 'lena-combobox__option--selected',
                        )}
                      >
                        {option.label}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
        </ul>
      </div>
    </FieldFrame>
  );
}
