import {
  describeError,
  SaveSessionNotesDocument,
  ShareActionItemDocument,
  type NoteWarningFieldsFragment,
  type SessionDeliveryFieldsFragment,
  type SessionNotesFieldsFragment,
} from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { useMutationForm } from '@lena/portal-kit';
import { Alert, Button, Checkbox, Fieldset, Form, Section, TextArea, TextField, useOutcome } from '@lena/ui';
import { useState } from 'react';
import { noteFieldLabel, personalDataLabel } from './delivery-labels.js';

interface ItemDraft {
  /** A stable key for React while the item has no id yet. */
  key: string;
  id: string | null;
  text: string;
  sharedWithGroup: boolean;
}

const THEME_LINE_LENGTH = 140;
let nextKey = 0;
const draftsOf = (notes: SessionNotesFieldsFragment | null | undefined): ItemDraft[] =>
  (notes?.actionItems ?? []).map((item) => ({ key: item.id, id: item.id, text: item.text, sharedWithGroup: item.sharedWithGroup }));

interface SessionNotesFormProps {
  delivery: SessionDeliveryFieldsFragment;
  canWrite: boolean;
}

/**
 * The session's confidential notes, as its service allows: GTS de-identified case summaries,
 * strategies and action items; GRP themes from the list and one short line. Saving first asks the
 * API to check the text for personal data: if it finds any, nothing is saved, the warnings are
 * shown beside what they found, and the facilitator edits the text or saves anyway.
 */
export function SessionNotesForm({ delivery, canWrite }: SessionNotesFormProps) {
  const notes = delivery.notes;
  const gts = delivery.serviceType === 'GTS';
  const [version, setVersion] = useState(notes?.version ?? 0);
  const [caseSummaries, setCaseSummaries] = useState(notes?.caseSummaries ?? '');
  const [strategies, setStrategies] = useState(notes?.strategies ?? '');
  const [items, setItems] = useState<ItemDraft[]>(draftsOf(notes));
  const [themes, setThemes] = useState<string[]>(notes?.themes ?? []);
  const [themeLine, setThemeLine] = useState(notes?.themeLine ?? '');
  const [warnings, setWarnings] = useState<NoteWarningFieldsFragment[] | null>(null);
  const [sharing, setSharing] = useState<string | null>(null);
  const form = useMutationForm();
  const saved = useOutcome();
  const [save] = useMutation(SaveSessionNotesDocument);
  const [share] = useMutation(ShareActionItemDocument);
  const purged = Boolean(notes?.purgedAt);
  const disabled = !canWrite || purged;

  const fields = gts
    ? { caseSummaries, strategies, actionItems: items.map((item) => ({ id: item.id, text: item.text, sharedWithGroup: item.sharedWithGroup })) }
    : { themes, themeLine };

  const submit = (acknowledgeWarnings: boolean) =>
    void form.send(async () => {
      const { data } = await save({ variables: { input: { sessionId: delivery.sessionId, version, acknowledgeWarnings, ...fields } } });
      const result = data?.saveSessionNotes;
      if (!result) return;
      if (!result.saved) {
        setWarnings(result.warnings);
        return;
      }
      setWarnings(null);
      if (result.notes) {
        setVersion(result.notes.version);
        setItems(draftsOf(result.notes));
      }
      saved.success('The notes have been saved.');
    });

  const toggleShare = async (item: ItemDraft) => {
    if (!item.id) return;
    setSharing(item.id);
    try {
      const { data } = await share({ variables: { input: { sessionId: delivery.sessionId, actionItemId: item.id, shared: !item.sharedWithGroup } } });
      const now = data?.shareActionItem.sharedWithGroup ?? !item.sharedWithGroup;
      setItems((current) => current.map((candidate) => (candidate.id === item.id ? { ...candidate, sharedWithGroup: now } : candidate)));
      saved.success(now ? 'That action item is now shared with the group.' : 'That action item is no longer shared with the group.');
    } catch (error) {
      saved.error(describeError(error).message);
    } finally {
      setSharing(null);
    }
  };

  const updateItem = (key: string, text: string) => setItems((current) => current.map((item) => (item.key === key ? { ...item, text } : item)));

  return (
    <Section title="Notes">
      <p className="lena-muted">
        {gts
          ? 'Only this programme’s facilitators can read these notes. Keep them de-identified: describe people by their role, never by name or details that identify them.'
          : 'Only this programme’s facilitators can read these notes. Group Reflective Practice notes are themes only: no case or personal detail.'}
      </p>
      {purged ? <Alert tone="info" title="The text of these notes was erased at the end of the organisation’s retention period." /> : null}
      {saved.banner}
      <Form id="session-notes" errors={form.errors} onSubmit={() => submit(false)} aria-label="Session notes">
        {gts ? (
          <>
            <TextArea
              label="Case summaries"
              name="caseSummaries"
              hint="De-identified: the situation and the question each presenter brought."
              value={caseSummaries}
              onChange={setCaseSummaries}
              disabled={disabled}
              rows={6}
            />
            <TextArea label="Strategies agreed" name="strategies" value={strategies} onChange={setStrategies} disabled={disabled} rows={4} />
            <Fieldset legend="Action items" name="actionItems">
              {items.length === 0 ? <p className="lena-muted">No action items yet.</p> : null}
              <ol className="lena-action-items">
                {items.map((item, index) => (
                  <li key={item.key} className="lena-action-items__item">
                    <TextField
                      label={`Action item ${index + 1}`}
                      name={`actionItems.${index}.text`}
                      value={item.text}
                      onChange={(text) => updateItem(item.key, text)}
                      disabled={disabled}
                      maxLength={300}
                    />
                    <div className="lena-action-items__actions">
                      {item.id ? (
                        <Button
                          variant="secondary"
                          aria-pressed={item.sharedWithGroup}
                          busy={sharing === item.id}
                          disabled={disabled || sharing !== null}
                          onClick={() => void toggleShare(item)}
                        >
                          {item.sharedWithGroup ? 'Shared with the group' : 'Share with the group'}
                        </Button>
                      ) : (
                        <span className="lena-muted">Save the notes to share this item.</span>
                      )}
                      <Button variant="link" disabled={disabled} onClick={() => setItems((current) => current.filter((candidate) => candidate.key !== item.key))}>
                        Remove<span className="lena-visually-hidden"> action item {index + 1}</span>
                      </Button>
                    </div>
                  </li>
                ))}
              </ol>
              <Button
                variant="secondary"
                disabled={disabled || items.length >= 20}
                onClick={() => setItems((current) => [...current, { key: `new-${(nextKey += 1)}`, id: null, text: '', sharedWithGroup: false }])}
              >
                Add an action item
              </Button>
            </Fieldset>
          </>
        ) : (
          <>
            <Fieldset legend="Themes" name="themes" hint="Choose up to 8.">
              <div className="lena-theme-options">
                {delivery.themeOptions.map((option) => (
                  <Checkbox
                    key={option.key}
                    label={option.label}
                    name={`theme-${option.key}`}
                    checked={themes.includes(option.key)}
                    disabled={disabled}
                    onChange={(checked) => setThemes((current) => (checked ? [...current, option.key] : current.filter((theme) => theme !== option.key)))}
                  />
                ))}
              </div>
            </Fieldset>
            <TextField
              label="One line on the session (optional)"
              name="themeLine"
              hint={`Themes only, no names or details. At most ${THEME_LINE_LENGTH} characters.`}
              value={themeLine}
              onChange={setThemeLine}
              maxLength={THEME_LINE_LENGTH}
              disabled={disabled}
            />
          </>
        )}

        {warnings ? (
          <Alert tone="warning" title="This text may identify someone. Nothing has been saved yet.">
            <ul className="lena-list" aria-label="Possible personal data">
              {warnings.map((warning, index) => (
                <li key={`${warning.field}-${warning.start}-${index}`}>
                  <strong>{noteFieldLabel(warning.field)}</strong>: {personalDataLabel[warning.kind]}, “{warning.match}”. {warning.message}
                </li>
              ))}
            </ul>
            <p>Change the text and save again, or save as it is if you have checked it identifies nobody.</p>
            <Button variant="secondary" busy={form.busy} disabled={disabled} onClick={() => submit(true)}>
              I have checked: save anyway
            </Button>
          </Alert>
        ) : null}

        <Button type="submit" busy={form.busy} disabled={disabled}>
          Check and save notes
        </Button>
      </Form>
    </Section>
  );
}
