import type { DocumentFormat } from '../../../../../libs/plan-io/src/draft/plan-draft';

// The content types a document to draft a plan from is sent as (POST /plans/drafts); as
// application/octet-stream, its `fileName` says the format (documentFormatOf).
export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
export const UNTYPED_DOCUMENT = 'application/octet-stream';
