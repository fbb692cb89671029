// The account page, on an entry point of its own: a portal loads it with lazyPage(), so none of
// it is in the code every first page waits for.
export { AccountPage } from './account-page.js';
