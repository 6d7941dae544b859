// Which plan file formats Rectify reads, how they are recognised, and how large they may be.
export const PLAN_FILE_FORMATS = ['json', 'yaml', 'xlsx'] as const;
export type PlanFileFormat = (typeof PLAN_FILE_FORMATS)[number];

// The API's body limit and the CLI's file limit: a plan of thousands of measures is a few MB.
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
// YAML builds a node tree with source ranges for every value, several times the file's size.
export const MAX_YAML_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PLAN_CONTENT_TYPES: Record<PlanFileFormat, readonly string[]> = {
  json: ['application/json'],
  yaml: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'],
  xlsx: [XLSX_CONTENT_TYPE],
};

export function formatOfContentType(contentType: string | undefined): PlanFileFormat | null {
  const bare = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return PLAN_FILE_FORMATS.find((f) => PLAN_CONTENT_TYPES[f].includes(bare)) ?? null;
}

export function formatOfFileName(name: string): PlanFileFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}
