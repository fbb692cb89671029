import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EmailMessage } from '@lena/jobs';
import { createTransport, type Transporter } from 'nodemailer';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';

/** Sends email through the SMTP server at SMTP_URL, from MAIL_FROM. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(@Inject(WORKER_CONFIG) private readonly config: WorkerConfig) {
    this.transporter = createTransport({
      url: config.smtpUrl,
      // A delivery holds a database row lock while it talks to SMTP: never wait minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** Resolves once the server has accepted the message; returns its Message-ID. */
  async send(message: EmailMessage): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      // As a text/calendar alternative with its METHOD (and an .ics attachment), the form mail
      // programs recognise as an invitation or cancellation to add to or remove from the calendar.
      ...(message.calendar
        ? {
            icalEvent: {
              method: message.calendar.method,
              filename: message.calendar.method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
              content: message.calendar.content,
            },
          }
        : {}),
    });
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
