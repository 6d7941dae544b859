export const PHOTO_EVIDENCE = { kind: 'photo' as const, description: '改造后住房照片' };
export const DOCUMENT_EVIDENCE = { kind: 'document' as const, description: '整改报告' };
