// Request bodies of the directory (persons, posts, channels) and of one's own settings.
import { z } from 'zod';
import { isClockTime } from '../../../../libs/domain/src/delivery-timing';
import { isValidTimeZone } from '../../../../libs/domain/src/deadline';
import { DUTIES } from '../../../../libs/domain/src/recipients';
import { DELIVERY_STATES } from '../../../../libs/persistence/src/entities/notification-delivery.entity';

const clock = z.string().refine(isClockTime, 'must be a time of day such as 22:00');
const zone = z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');
const unitCodes = z.array(z.string().trim().min(1).max(64)).max(500);

export const channelBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('email'), address: z.email('must be an e-mail address').max(254) }),
  z.strictObject({
    kind: z.literal('webhook'),
    address: z.url('must be an http(s) URL').max(500),
    // The key receivers verify X-Rectify-Signature with; at least 16 characters.
    secret: z.string().min(16, 'must be at least 16 characters').max(200),
  }),
]);

const settings = {
  language: z.enum(['zh-CN', 'en']),
  timeZone: zone,
  quietHours: z.strictObject({ from: clock, to: clock }).nullable(),
  dailyDigest: z.boolean(),
};

export const personBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  userId: z.string().uuid('must be an account id').nullable().default(null),
  unitCodes: unitCodes.default([]),
  duties: z.array(z.enum(DUTIES)).max(DUTIES.length).default([]),
  language: settings.language.default('zh-CN'),
  timeZone: settings.timeZone.default('Asia/Shanghai'),
  quietHours: settings.quietHours.default(null),
  dailyDigest: settings.dailyDigest.default(false),
  channels: z.array(channelBody).max(20).default([]),
});

export const personPatch = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  unitCodes: unitCodes.optional(),
  duties: z.array(z.enum(DUTIES)).max(DUTIES.length).optional(),
  language: settings.language.optional(),
  timeZone: settings.timeZone.optional(),
  quietHours: settings.quietHours.optional(),
  dailyDigest: settings.dailyDigest.optional(),
  disabled: z.boolean().optional(),
});

export const ownSettingsPatch = z.strictObject({
  language: settings.language.optional(),
  timeZone: settings.timeZone.optional(),
  quietHours: settings.quietHours.optional(),
  dailyDigest: settings.dailyDigest.optional(),
});

export const postBody = z.strictObject({
  unitCode: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(100),
  holderPersonId: z.string().uuid('must be a person id').nullable(),
});

export const deliveryQuery = z.strictObject({
  measure: z.string().uuid('must be a measure id').optional(),
  person: z.string().uuid('must be a person id').optional(),
  channel: z.enum(['inbox', 'email', 'webhook']).optional(),
  state: z.enum(DELIVERY_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).default('false'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
