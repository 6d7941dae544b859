import { Module } from '@nestjs/common';
import { RECTIFY_CONFIG } from '../../../../libs/config/src/config.module';
import type { RectifyConfig } from '../../../../libs/config/src/rectify-config';
import { EvidenceRepository } from '../../../../libs/persistence/src/repositories/evidence.repository';
import { repositoryProvider } from '../../../../libs/persistence/src/repository.provider';
import { EvidenceFileStore } from './evidence-file.store';
import { EvidenceController } from './evidence.controller';
import { GetEvidenceUseCase } from './get-evidence.use-case';
import { UploadEvidenceUseCase } from './upload-evidence.use-case';

@Module({
  controllers: [EvidenceController],
  providers: [
    repositoryProvider(EvidenceRepository),
    {
      provide: EvidenceFileStore,
      inject: [RECTIFY_CONFIG],
      useFactory: (config: RectifyConfig) => new EvidenceFileStore(config.evidence.dir),
    },
    UploadEvidenceUseCase,
    GetEvidenceUseCase,
  ],
  exports: [EvidenceRepository],
})
export class EvidenceModule {}
