import { looksCopied, readCopiedText, type CopiedText, type CopyRepair } from './copied-text';
import type { InputKind, RefusedInput } from './input';
import type { ParsedRelease } from './types';
import { diagnoseInput } from './input-diagnosis';
import { looksLaidOutPdfText, looksUnlaidPdfText, readLaidOutPdfText } from './pdf-layout';

/**
 * From a file's bytes to the text the release parser reads, whatever the form: text as it is (normalised), an
 * HTML exhibit through its reader, a PDF through its text extractor. The heavy parts (an HTML parser, pdf.js) are
 * injected, so this module stays light: the CLI gives htmlparser2 and pdf.js, the add-in htmlparser2 too, as a chunk fetched when an HTML file is opened.
 */
export interface FormReaders {
  /** HTML document to release text (see html.ts). */
  html?: (html: string) => string | Promise<string>;
  /** PDF bytes to release text, with what the reader changed (see pdf.ts); loaded only when a PDF is opened. */
  pdf?: (bytes: Uint8Array) => Promise<CopiedText>;
}

/** The form of a release: what the file was, by content, and for text which copy it is. */
export type ReleaseForm = InputKind | 'copied_text' | 'pdf_text';

export interface ReleaseInput {
  /** What the file was, by content. */
  form: ReleaseForm;
  /** Figures the reader of a copy changed, each with its proof (a footnote marker flattened into a figure, …). */
  repairs: CopyRepair[];
  /** What to hand to parseRelease: the release text, or the reason it cannot be read (empty, binary, …). */
  source: string | RefusedInput;
}

const refuse = (code: string, message: string): RefusedInput => ({ refused: [{ severity: 'error', code, message }] });

export async function readReleaseInput(input: Uint8Array | string, readers: FormReaders = {}): Promise<ReleaseInput> {
  const d = diagnoseInput(input);
  switch (d.kind) {
    case 'text': {
      if (looksUnlaidPdfText(d.text!)) {
        const why = "this is a PDF's text without its layout (pdftotext without -layout): its tables come column after column and cannot be put back into rows; give the PDF itself, or pdftotext -layout";
        return { form: 'pdf_text', source: refuse('input.pdf_text_without_layout', why), repairs: [] };
      }
      if (looksLaidOutPdfText(d.text!)) {
        const pdf = readLaidOutPdfText(d.text!);
        return { form: 'pdf_text', source: pdf.text, repairs: pdf.repairs };
      }
      if (!looksCopied(d.text!)) return { form: 'text', source: d.text!, repairs: [] };
      const copy = readCopiedText(d.text!);
      return { form: 'copied_text', source: copy.text, repairs: copy.repairs };
    }
    case 'html':
      if (!readers.html) return { form: 'html', source: refuse('input.html', 'this is an HTML document: no HTML reader is available here'), repairs: [] };
      return { form: 'html', source: await readers.html(d.text!), repairs: [] };
    case 'pdf':
      if (readers.pdf && typeof input !== 'string') {
        const pdf = await readers.pdf(input);
        return { form: 'pdf', source: pdf.text, repairs: pdf.repairs };
      }
      return { form: 'pdf', source: refuse('input.pdf', 'this is a PDF: no PDF reader is available here'), repairs: [] };
    default:
      return { form: d.kind, source: { refused: d.issues }, repairs: [] };
  }
}

export { withReaderRepairs } from './reader-repairs';
