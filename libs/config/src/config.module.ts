import { DynamicModule, Global, Module } from '@nestjs/common';
import type { RectifyConfig } from './rectify-config';

export const RECTIFY_CONFIG = Symbol('RECTIFY_CONFIG');

@Global()
@Module({})
export class RectifyConfigModule {
  static forRoot(config: RectifyConfig): DynamicModule {
    return {
      module: RectifyConfigModule,
      providers: [{ provide: RECTIFY_CONFIG, useValue: config }],
      exports: [RECTIFY_CONFIG],
    };
  }
}
