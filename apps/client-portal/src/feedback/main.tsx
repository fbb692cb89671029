import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@lena/ui/styles.css';
import './feedback-page.css';
import { httpFeedbackApi } from './feedback-api.js';
import { FeedbackPage } from './feedback-page.js';

// The feedback page is an entry of its own (built on Preact: vite.anonymous-pages.config.ts): React's API and this folder, no Apollo, no router, no portal
// code. The link's secret is the address's fragment (#…), which browsers never send to a server.
const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FeedbackPage token={token} api={httpFeedbackApi()} />
    </StrictMode>,
  );
}
