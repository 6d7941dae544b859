import type {
  DocumentFormat,
  DocumentText,
  DraftRefusalCode,
} from '../../../../../libs/plan-io/src/draft/plan-draft';

// The content types a document to draft a plan from may be sent as (POST /plans/drafts).
export const WORD_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, readonly string[]> = {
  txt: ['text/plain'],
  docx: [WORD_CONTENT_TYPE],
  pdf: ['application/pdf'],
};

export function documentFormatOfContentType(contentType: string | undefined): DocumentFormat | null {
  const bare = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const formats = Object.keys(DOCUMENT_CONTENT_TYPES) as DocumentFormat[];
  return formats.find((f) => DOCUMENT_CONTENT_TYPES[f].includes(bare)) ?? null;
}

export function documentFormatOfFileName(name: string): DocumentFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'txt' || ext === 'docx' || ext === 'pdf' ? ext : null;
}

export type DocumentReading =
  | { readonly ok: true; readonly text: DocumentText }
  | { readonly ok: false; readonly code: DraftRefusalCode; readonly message: string };

// Reads a document's text off the event loop, within the limits plan files are read with.
export abstract class DraftDocumentReader {
  abstract read(bytes: Uint8Array, format: DocumentFormat): Promise<DocumentReading>;
}
