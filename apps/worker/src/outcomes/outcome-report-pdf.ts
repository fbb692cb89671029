import type { OutcomeReportDocument } from '@lena/domain';
import PDFDocument from 'pdfkit';

/**
 * The report's PDF (pdfkit, pinned), written from the same `OutcomeReportDocument` as the CSV:
 * a title, the notice on withheld figures, then each section's sentences and its figures, one a
 * line ("Figure: value"). Standard fonts only (no font files to ship); A4, British English.
 * `onSection` reports how far it has got, for the job's progress.
 */
export function renderOutcomeReportPdf(document: OutcomeReportDocument, onSection: (done: number, total: number) => void = () => undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, lang: 'en-GB', displayTitle: true, info: { Title: document.title, Author: 'Lena', Subject: document.subtitle } });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);

    pdf.font('Helvetica-Bold').fontSize(18).text(document.title);
    pdf.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#333333').text(document.subtitle);
    pdf.moveDown(0.5).text(document.notice);
    document.sections.forEach((section, index) => {
      pdf.moveDown(1).fillColor('#000000').font('Helvetica-Bold').fontSize(13).text(section.heading);
      pdf.moveDown(0.3).font('Helvetica').fontSize(10);
      for (const paragraph of section.paragraphs) pdf.text(paragraph).moveDown(0.2);
      pdf.moveDown(0.2);
      for (const line of section.lines) pdf.font('Helvetica-Bold').text(`${line.figure}: `, { continued: true }).font('Helvetica').text(line.value);
      onSection(index + 1, document.sections.length);
    });
    pdf.end();
  });
}
