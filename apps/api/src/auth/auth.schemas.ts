import { z } from 'zod';
import { ROLES } from '../../../../libs/domain/src/authorization';

// Request bodies of the auth and account endpoints; unknown fields are refused.
const email = z.email().max(254);
const password = z.string().min(12, 'use at least 12 characters').max(200);
const unitCode = z.string().trim().min(1).max(64);
const grantableRole = z.enum(ROLES).exclude(['public']);

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });
export const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });
export const setupBody = z.strictObject({
  setupToken: z.string().min(1).max(200),
  email,
  password,
  displayName: z.string().trim().min(1).max(200),
});
export const passwordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});
export const apiTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'say what the token is for').max(200),
  role: grantableRole,
  units: z.array(unitCode).max(200).default([]),
  leaderName: z.string().trim().min(1).max(100).nullable().default(null),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export const userBody = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  password,
  role: grantableRole,
  units: z.array(unitCode).max(200).default([]),
  leaderName: z.string().trim().min(1).max(100).nullable().default(null),
});
