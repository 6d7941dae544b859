// What never reaches a log line: credentials in headers, bodies and Temporal's activity info.
// Paths are pino `redact` paths; `*` matches one level, so nested objects are covered to depth 2.
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'token',
  'setupToken',
  'apiToken',
  'smtpUrl',
  'jwtSecret',
  // Temporal's activity log attributes: a task token completes the activity on anyone's behalf.
  'taskToken',
];

export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-rectify-metrics-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

// `smtp://user:pass@host` → `smtp://[Redacted]@host`, wherever a URL with credentials appears.
export function scrubUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1[Redacted]@');
}
