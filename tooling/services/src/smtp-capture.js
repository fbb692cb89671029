'use strict';
const { EventEmitter } = require('node:events');

/**
 * @typedef {object} CapturedAttachment
 * @property {string} filename
 * @property {string} contentType e.g. text/calendar
 * @property {Buffer} content
 */

/**
 * @typedef {object} CapturedMessage
 * @property {number} id 1, 2, 3… in arrival order
 * @property {string[]} to envelope recipients (RCPT TO), so Bcc recipients are included
 * @property {string} from sender address (From header, else MAIL FROM)
 * @property {string} subject
 * @property {string} text plain-text body ('' when none)
 * @property {string} html HTML body ('' when none)
 * @property {string[]} links every http(s) link in the HTML hrefs and the text, first seen first
 * @property {Record<string, string>} headers header lines by lower-case name
 * @property {CapturedAttachment[]} attachments e.g. calendar files
 * @property {Date} receivedAt
 */

/**
 * @typedef {object} SmtpCapture
 * @property {string} url smtp://127.0.0.1:PORT, ready for SMTP_URL
 * @property {string} host
 * @property {number} port
 * @property {CapturedMessage[]} messages received so far, oldest first (a live array)
 * @property {(predicate?: (message: CapturedMessage) => boolean, timeoutMs?: number) => Promise<CapturedMessage>} waitForMessage
 *   resolves with the first message (already received or arriving later) that matches; rejects after
 *   `timeoutMs` (default 10000) with a list of what did arrive
 * @property {(listener: (message: CapturedMessage) => void) => () => void} onMessage subscribe; returns unsubscribe
 * @property {() => void} clear forgets the messages received so far
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} SmtpCaptureOptions
 * @property {number} [port] default 0: any free port
 * @property {string} [host] default 127.0.0.1
 * @property {(line: string) => void} [log] problems (a message that cannot be parsed); default none
 * @property {(address: string) => boolean} [refuseRecipient] answer RCPT TO for these addresses with
 *   550 (mailbox unavailable, quoting the address as real servers do), to test what a sender does then
 */

/**
 * An in-process SMTP server (no authentication, no TLS) that keeps every message it receives.
 * @param {SmtpCaptureOptions} [options]
 * @returns {Promise<SmtpCapture>}
 */
async function startSmtpCapture(options = {}) {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  const host = options.host || '127.0.0.1';
  const log = options.log || (() => {});
  const events = new EventEmitter();
  events.setMaxListeners(0);
  /** @type {CapturedMessage[]} */
  const messages = [];
  let nextId = 1;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Credentials are optional; when a client sends some (SMTP_URL with user:pass), accept any.
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username || 'anonymous' });
    },
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuseRecipient && options.refuseRecipient(address.address)) {
        const error = /** @type {Error & { responseCode?: number }} */ (new Error(`5.1.1 <${address.address}>: Recipient address rejected: mailbox unavailable`));
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    // Pooled clients (nodemailer pool) keep connections open: do not wait 30 s for them on close.
    closeTimeout: 500,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelope = session.envelope;
          const fromHeader = parsed.from && parsed.from.value[0] && parsed.from.value[0].address;
          const mailFrom = envelope.mailFrom ? envelope.mailFrom.address : '';
          const html = typeof parsed.html === 'string' ? parsed.html : '';
          const text = parsed.text || '';
          /** @type {Record<string, string>} */
          const headers = {};
          for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
          /** @type {CapturedMessage} */
          const message = {
            id: nextId++,
            to: envelope.rcptTo.map((recipient) => recipient.address),
            from: fromHeader || mailFrom,
            subject: parsed.subject || '',
            text,
            html,
            links: extractLinks(html, text),
            headers,
            attachments: parsed.attachments.map((attachment) => ({
              filename: attachment.filename || '',
              contentType: attachment.contentType,
              content: attachment.content,
            })),
            receivedAt: new Date(),
          };
          messages.push(message);
          events.emit('message', message);
          callback();
        })
        .catch((/** @type {unknown} */ error) => {
          log(`SMTP capture could not parse a message: ${String(error)}`);
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });
  server.on('error', (error) => log(`SMTP capture: ${error.message}`));

  await new Promise((resolve, reject) => {
    /** @param {Error} error */
    const fail = (error) => reject(error);
    server.once('error', fail);
    server.listen(options.port || 0, host, () => {
      server.removeListener('error', fail);
      resolve(undefined);
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  /** @type {SmtpCapture['waitForMessage']} */
  function waitForMessage(predicate = () => true, timeoutMs = 10000) {
    const found = messages.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      /** @param {CapturedMessage} message */
      const listener = (message) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        events.removeListener('message', listener);
        resolve(message);
      };
      const timer = setTimeout(() => {
        events.removeListener('message', listener);
        const seen = messages.length ? messages.map((message) => `  #${message.id} to ${message.to.join(', ')}: "${message.subject}"`).join('\n') : '  (none)';
        reject(new Error(`waitForMessage: no email matching the predicate arrived within ${timeoutMs} ms at ${host}:${port}. Received so far:\n${seen}`));
      }, timeoutMs);
      events.on('message', listener);
    });
  }

  let closed = false;
  return {
    url: `smtp://${host}:${port}`,
    host,
    port,
    messages,
    waitForMessage,
    onMessage(listener) {
      events.on('message', listener);
      return () => {
        events.removeListener('message', listener);
      };
    },
    clear() {
      messages.length = 0;
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * http(s) links of an email: href targets of the HTML first, then URLs written in the text.
 * @param {string} html
 * @param {string} text
 * @returns {string[]}
 */
function extractLinks(html, text) {
  /** @type {string[]} */
  const links = [];
  /** @param {string} link */
  const add = (link) => {
    const cleaned = link.replace(/[.,;:!?]+$/, '');
    if (/^https?:\/\//i.test(cleaned) && !links.includes(cleaned)) links.push(cleaned);
  };
  for (const match of html.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) add(decodeEntities(match[1] ?? match[2] ?? ''));
  for (const match of text.matchAll(/https?:\/\/[^\s<>"'\])]+/gi)) add(match[0]);
  return links;
}

/** @param {string} value */
function decodeEntities(value) {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

module.exports = { startSmtpCapture, extractLinks };
