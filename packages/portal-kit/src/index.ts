// Starting a portal: one definition of what is its own (name, navigation, who may enter, pages).
// mountPortal supplies the rest: the frame, the sign-in, password and invitation pages, the route
// guards, "Page not found" and the crash page.
export { mountPortal, type PortalDefinition } from './app/mount-portal.js';
// For the portals' component tests: the same app and routes without mounting into the document.
export { PortalApp, portalRoutes, type PortalAppProps } from './app/mount-portal.js';
export { createTestRouter, type TestRouter } from './app/test-router.js';
export type { PortalLayoutProps } from './app/portal-layout.js';
export { RequireRole, useViewer, type PortalEntry, type RequireRoleProps } from './app/guards.js';
export { lazyPage } from './app/lazy-page.js';
export { accountModule, type PortalModule } from './app/portal-module.js';
export { flashState, useLocationFlash } from './app/location-flash.js';

// For the portals' own pages.
export { useConfirmation, type Confirmation } from './hooks/use-confirmation.js';
export { useMutationForm, type MutationForm } from './hooks/use-mutation-form.js';
export { Card } from './app/card.js';
export { QueryView, type QueryViewProps } from './app/query-view.js';
export { InviteForm, type ExtraFields, type ExtraValues, type InviteFormProps, type InviteValues } from './invitations/invite-form.js';
export { InvitationsTable, type InvitationsTableProps } from './invitations/invitations-table.js';
export { ManagedInvitations, type ManagedInvitationsProps } from './invitations/managed-invitations.js';
export { CalendarSubscriptionSection } from './scheduling/calendar-subscription.js';
export { ProgrammeHistorySection } from './programmes/programme-history.js';
export { FeedbackResultsSection } from './feedback/feedback-results-section.js';
export { ProgrammeOutcomesSection } from './outcomes/programme-outcomes-section.js';
export { attendanceText, OutcomeChanges } from './outcomes/outcome-figures.js';
export { OutcomeReportList, OutcomeReportRequestForm, OutcomeReportView, outcomeReportSubject, type OutcomeReportRequestFormProps } from './outcomes/outcome-reports.js';
export { OutcomeSessionsChart, OutcomeTrendChart, OutcomeUtilisationChart, type SessionMonth, type TrendSeries, type UtilisationMonth } from './outcomes/outcome-charts-lazy.js';
