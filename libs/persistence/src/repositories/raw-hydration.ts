import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

// A raw value of an entity's column as the driver hydrates the entity's: for the statements that
// read rows raw (a plan's events, hundreds of thousands of them) and build only what they need.
// The columns are looked up once, not for each of a statement's rows.
export function columnHydrator<E extends ObjectLiteral>(
  ds: DataSource,
  entity: EntityTarget<E>,
): <T>(value: unknown, property: keyof E & string) => T {
  const columns = new Map(ds.getMetadata(entity).columns.map((c) => [c.propertyName, c]));
  const driver = ds.driver;
  return <T>(value: unknown, property: keyof E & string): T => {
    const column = columns.get(property);
    if (!column) throw new Error(`${String(ds.getMetadata(entity).name)} has no column ${property}`);
    return driver.prepareHydratedValue(value, column) as T;
  };
}
