export * from './instrument.js';
export * from './feedback-answers.js';
export * from './suppression.js';
export * from './feedback-results.js';
export * from './feedback-request.js';
export * from './publication.js';
