import { z } from 'zod';

// Protobuf JSON bytes: standard or URL-safe base64 (the Web UI sends standard).
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

// A Payloads message as protobuf JSON, what the Temporal Web UI and `temporal` CLI send.
export const payloadsBody = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), base64).nullish(),
      data: base64.nullish(),
    }),
  ),
});
export type PayloadsBody = z.infer<typeof payloadsBody>;
