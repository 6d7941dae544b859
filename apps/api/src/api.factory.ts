import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RectifyConfig } from '../../../libs/config/src/rectify-config';
import { AppModule } from './app.module';
import { ErrorFilter } from './common/error.filter';

// Builds the HTTP API without listening, so tests and `main.ts` assemble it the same way.
export async function createApiApp(
  config: RectifyConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  // Plans with thousands of measures are large; anything beyond this is refused with 413.
  app.useBodyParser('json', { limit: '20mb' });
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Rectify API')
    .setDescription('Supervisory follow-up (巡视整改督办): plans, measures and their durable workflows')
    .setVersion('0.1.0')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}
