type Tr = (zh: string, en: string) => string;

export function bucketLabel(tr: Tr, b: { fromDays: number; toDays: number | null }): string {
  return b.toDays === null
    ? tr(`${b.fromDays}天以上`, `${b.fromDays}+ days`)
    : tr(`${b.fromDays}–${b.toDays}天`, `${b.fromDays}–${b.toDays} days`);
}
