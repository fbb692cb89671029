import { detectPersonalData } from './personal-data.js';

const NOW = new Date('2027-03-17T12:00:00Z');
const kinds = (text: string) => detectPersonalData(text, NOW).map((warning) => [warning.kind, warning.match]);

describe('detectPersonalData', () => {
  it('finds a title followed by a capitalised word', () => {
    expect(kinds('We discussed how to support Mrs Patel with the move.')).toEqual([['NAME', 'Mrs Patel']]);
    expect(kinds('The referral came from Dr. Okafor last week.')).toEqual([['NAME', 'Dr. Okafor']]);
  });

  it('finds two capitalised words mid-sentence, but not at the start of a sentence or with a common word', () => {
    expect(kinds('The worker visited Sarah Jones at home.')).toEqual([['NAME', 'Sarah Jones']]);
    // At the start of a sentence the first capital is grammar, not a name.
    expect(kinds('Case One was presented. Worker Two asked a question.')).toEqual([]);
    expect(kinds('The family was referred to Social Services on Monday Morning.')).toEqual([]);
    expect(kinds('A young person in care, aged between 12 and 15.')).toEqual([]);
  });

  it('finds email addresses', () => {
    expect(kinds('Contact via jo.bloggs+work@example.co.uk for the report.')).toEqual([['EMAIL', 'jo.bloggs+work@example.co.uk']]);
  });

  it('finds UK phone numbers however they are spaced, and leaves other numbers alone', () => {
    expect(kinds('Call 07700 900123 after six.')).toEqual([['PHONE', '07700 900123']]);
    expect(kinds('Office: (020) 7946 0958.')).toEqual([['PHONE', '(020) 7946 0958']]);
    expect(kinds('Or +44 7700 900 123.')).toEqual([['PHONE', '+44 7700 900 123']]);
    expect(kinds('There were 12 cases over 3 weeks, 2024 referrals in total.')).toEqual([]);
  });

  it('finds dates of birth after a cue, and full dates that are plausible birth dates', () => {
    expect(kinds('Client DOB 03/04/2011, seen twice.')).toEqual([['DATE_OF_BIRTH', 'DOB 03/04/2011']]);
    expect(kinds('She was born in 1984.')).toEqual([['DATE_OF_BIRTH', 'born in 1984']]);
    expect(kinds('Date of birth: 3rd April 1990')).toEqual([['DATE_OF_BIRTH', 'Date of birth: 3rd April 1990']]);
    expect(kinds('The incident on 12/06/1975 was recalled.')).toEqual([['DATE_OF_BIRTH', '12/06/1975']]);
    // A recent date is an appointment, not a birthday.
    expect(kinds('Review on 14/03/2027 with the team.')).toEqual([]);
  });

  it('reports where each finding is, with a message that says what to do', () => {
    const text = 'Ask Mr Khan.';
    const [warning] = detectPersonalData(text, NOW);
    expect(warning).toEqual({ kind: 'NAME', match: 'Mr Khan', start: 4, end: 11, message: expect.stringMatching(/describe the person by role/) });
    expect(text.slice(warning!.start, warning!.end)).toBe('Mr Khan');
  });

  it('finds nothing in de-identified text', () => {
    expect(detectPersonalData('A service user in their forties disclosed a recent bereavement. The team agreed to offer a follow-up and to review risk next week.', NOW)).toEqual(
      [],
    );
  });
});
