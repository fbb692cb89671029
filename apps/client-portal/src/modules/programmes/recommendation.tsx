import { serviceLabel, type NeedsAssessmentFieldsFragment } from '@lena/graphql-client';
import { ButtonLink, DateTime } from '@lena/ui';

/** The link that opens the request form prefilled from an assessment, for one service. */
export function requestLink(assessment: { id: string; teamId: string }, service: string): string {
  return `/programmes/request?${new URLSearchParams({ team: assessment.teamId, assessment: assessment.id, service }).toString()}`;
}

/** The recommendation with its reasons, and a request for each service in the order to start them. */
export function Recommendation({ assessment, headingLevel = 2 }: { assessment: NeedsAssessmentFieldsFragment; headingLevel?: 2 | 3 }) {
  const { recommendation } = assessment;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="lena-recommendation" aria-labelledby={`recommendation-${assessment.id}`}>
      <Heading id={`recommendation-${assessment.id}`}>{recommendation.headline}</Heading>
      <p>
        Assessed <DateTime value={assessment.createdAt} />
        {assessment.assessedByName ? ` by ${assessment.assessedByName}` : ''}.
      </p>
      <p>Why:</p>
      <ul>
        {recommendation.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <div className="lena-button-group">
        {recommendation.services.map((service, index) => (
          <ButtonLink key={service} variant={index === 0 ? 'primary' : 'secondary'} href={requestLink(assessment, service)}>
            Request {serviceLabel[service]}
            {recommendation.services.length > 1 ? (index === 0 ? ' (first)' : ' (next)') : ''}
          </ButtonLink>
        ))}
      </div>
    </section>
  );
}
