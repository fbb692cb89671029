import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@lena/ui/styles.css';
import '../feedback/feedback-page.css';
import { httpMeasuresApi } from './measures-api.js';
import { MeasuresPage } from './measures-page.js';

// The measures page is an entry of its own, like the feedback page (built on Preact): React's API and this folder, no
// Apollo, no router. The link's secret is the address's fragment (#…), never sent to a server.
const token = decodeURIComponent(window.location.hash.replace(/^#/, ''));
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MeasuresPage token={token} api={httpMeasuresApi()} />
    </StrictMode>,
  );
}
