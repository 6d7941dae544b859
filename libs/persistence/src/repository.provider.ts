import type { FactoryProvider } from '@nestjs/common';
import { DataSource } from 'typeorm';

// A repository for a feature module, built on the application's one DataSource.
export function repositoryProvider<T>(repository: new (ds: DataSource) => T): FactoryProvider<T> {
  return { provide: repository, inject: [DataSource], useFactory: (ds: DataSource) => new repository(ds) };
}
