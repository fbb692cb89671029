'use strict';
const http = require('node:http');

/**
 * @typedef {import('./smtp-capture').SmtpCapture} SmtpCapture
 * @typedef {import('./smtp-capture').CapturedMessage} CapturedMessage
 */

/**
 * @typedef {object} MailViewer
 * @property {string} url e.g. http://127.0.0.1:8025
 * @property {number} port
 * @property {() => Promise<void>} close
 */

/**
 * A small web page over an SMTP capture: every captured email (newest first) with its subject,
 * recipients, time, text with clickable links, HTML version and attachments. The page reloads
 * itself when an email arrives: it asks GET /api/version every 1.5 s. (A live connection such as
 * server-sent events never lets a headless browser see the network go idle, so tools that wait
 * for a page to finish loading waited for ever.) Also GET /api/messages (JSON) and POST /clear.
 * @param {{ capture: SmtpCapture, port?: number, host?: string }} options
 * @returns {Promise<MailViewer>}
 */
async function startMailViewer({ capture, port = 8025, host = '127.0.0.1' }) {
  // Changes whenever what the page shows changes (an email arrived, the list was cleared).
  let version = 0;
  const unsubscribe = capture.onMessage(() => {
    version += 1;
  });

  const server = http.createServer((request, response) => {
    const url = new URL(request.url || '/', 'http://viewer');
    const parts = url.pathname.split('/').filter(Boolean);
    /** @param {number} id */
    const find = (id) => capture.messages.find((message) => message.id === id);

    if (request.method === 'POST' && url.pathname === '/clear') {
      capture.clear();
      version += 1;
      response.writeHead(303, { location: '/' }).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD, POST' }).end();
      return;
    }
    if (url.pathname === '/') {
      send(response, 200, 'text/html; charset=utf-8', renderPage(capture, version));
    } else if (url.pathname === '/api/version') {
      send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ version }));
    } else if (url.pathname === '/api/messages') {
      const list = capture.messages.map(({ attachments, ...message }) => ({
        ...message,
        attachments: attachments.map(({ filename, contentType, content }) => ({ filename, contentType, size: content.length })),
      }));
      send(response, 200, 'application/json; charset=utf-8', JSON.stringify(list, null, 2));
    } else if (parts[0] === 'messages' && parts.length === 3 && parts[2] === 'html' && find(Number(parts[1]))) {
      const message = /** @type {CapturedMessage} */ (find(Number(parts[1])));
      // The email's own HTML, sandboxed: no scripts, no same-origin access.
      response.setHeader('content-security-policy', 'sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation');
      send(response, 200, 'text/html; charset=utf-8', message.html || `<pre>${escapeHtml(message.text)}</pre>`);
    } else if (parts[0] === 'messages' && parts.length === 4 && parts[2] === 'attachments' && find(Number(parts[1]))) {
      const attachment = /** @type {CapturedMessage} */ (find(Number(parts[1]))).attachments[Number(parts[3])];
      if (!attachment) return send(response, 404, 'text/plain', 'No such attachment');
      response.setHeader('content-disposition', `attachment; filename="${(attachment.filename || 'attachment').replace(/["\\\r\n]/g, '_')}"`);
      send(response, 200, attachment.contentType || 'application/octet-stream', attachment.content);
    } else {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}`,
    port: actualPort,
    close: () =>
      new Promise((resolve) => {
        unsubscribe();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * @param {http.ServerResponse} response
 * @param {number} status
 * @param {string} type
 * @param {string | Buffer} body
 */
function send(response, status, type, body) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/** @param {string} value */
function escapeHtml(value) {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] || c);
}

/** Escapes text and turns its http(s) URLs into links. @param {string} text */
function linkify(text) {
  return text
    .split(/(https?:\/\/[^\s<>"'\])]+)/gi)
    .map((part, index) => {
      if (index % 2 === 0) return escapeHtml(part);
      const link = part.replace(/[.,;:!?]+$/, '');
      const rest = part.slice(link.length);
      return `<a href="${escapeHtml(link)}" target="_blank" rel="noopener">${escapeHtml(link)}</a>${escapeHtml(rest)}`;
    })
    .join('');
}

/** @param {SmtpCapture} capture @param {number} version */
function renderPage(capture, version) {
  const items = [...capture.messages]
    .reverse()
    .map((message) => {
      const attachments = message.attachments
        .map(
          (attachment, index) =>
            `<a href="/messages/${message.id}/attachments/${index}">${escapeHtml(attachment.filename || `attachment ${index + 1}`)}</a> <small>(${escapeHtml(attachment.contentType)})</small>`,
        )
        .join(', ');
      const links = message.links.map((link) => `<li><a href="${escapeHtml(link)}" target="_blank" rel="noopener">${escapeHtml(link)}</a></li>`).join('');
      return `<article>
  <h2>${escapeHtml(message.subject || '(no subject)')}</h2>
  <p class="meta">#${message.id} · to <b>${escapeHtml(message.to.join(', '))}</b> · from ${escapeHtml(message.from)} ·
    <time datetime="${message.receivedAt.toISOString()}">${message.receivedAt.toLocaleString()}</time>
    ${message.html ? ` · <a href="/messages/${message.id}/html" target="_blank" rel="noopener">HTML version</a>` : ''}</p>
  ${links ? `<details open><summary>Links</summary><ul>${links}</ul></details>` : ''}
  ${attachments ? `<p>Attachments: ${attachments}</p>` : ''}
  <pre>${linkify(message.text)}</pre>
</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lena mail catcher (${capture.messages.length})</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1d2430; background: #f6f7f9; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
  article { background: #fff; border: 1px solid #d8dde5; border-radius: 8px; padding: 0.75rem 1.25rem; margin: 1rem 0; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 0.25rem 0; }
  .meta { color: #4a5565; margin: 0.25rem 0 0.5rem; }
  pre { white-space: pre-wrap; word-break: break-word; font: 14px/1.45 ui-monospace, monospace; background: #f3f5f8; padding: 0.75rem; border-radius: 6px; }
  a { color: #0a58ca; } ul { margin: 0.25rem 0; } button { font: inherit; padding: 0.3rem 0.8rem; }
</style>
</head>
<body>
<header>
  <h1>Lena mail catcher</h1>
  <form method="post" action="/clear"><button type="submit">Clear all</button></form>
</header>
<p>Emails sent to ${escapeHtml(capture.url)} appear here, newest first; the page refreshes itself when one arrives.</p>
${items || '<p><i>No emails yet.</i></p>'}
<script>
  for (const time of document.querySelectorAll('time')) time.textContent = new Date(time.dateTime).toLocaleString();
  // Short requests once the page has loaded, never a connection held open: headless browsers and
  // the tools driving them can tell when the page has finished loading.
  const shown = ${version};
  const check = () =>
    fetch('/api/version', { cache: 'no-store' })
      .then((response) => response.json())
      .then(({ version }) => (version === shown ? setTimeout(check, 1500) : location.reload()), () => setTimeout(check, 5000));
  addEventListener('load', () => setTimeout(check, 1500));
</script>
</body>
</html>`;
}

module.exports = { startMailViewer };
