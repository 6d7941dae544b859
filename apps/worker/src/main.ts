import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../../../libs/config/src/rectify-config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(loadConfig()));
  app.enableShutdownHooks();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
