import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../../libs/domain/src/domain-error';
import { PlanDraftRepository } from '../../../../../libs/persistence/src/repositories/plan-draft.repository';
import type { DocumentFormat } from '../../../../../libs/plan-io/src/draft/plan-draft';
import { IsolatedDocumentTextReader } from '../../../../../libs/plan-io/src/draft/isolated-document-text.reader';
import { noteAudit } from '../../audit/audit-context';
import { PlanDraftViews, type PlanDraftView } from './plan-draft-views';

export interface CreatePlanDraftCommand {
  readonly bytes: Uint8Array;
  readonly format: DocumentFormat;
  readonly fileName: string | null;
  // Code and title of the plan to draft; else read from the document, or placeholders.
  readonly planCode?: string;
  readonly planTitle?: string;
  readonly actor: string;
}

// 起草: reads the document, drafts the plan with the units the office already keeps, and stores the
// draft for review. A document that cannot be read as a plan is refused with nothing stored.
@Injectable()
export class CreatePlanDraftUseCase {
  constructor(
    @Inject(IsolatedDocumentTextReader) private readonly documents: IsolatedDocumentTextReader,
    @Inject(PlanDraftRepository) private readonly drafts: PlanDraftRepository,
    @Inject(PlanDraftViews) private readonly views: PlanDraftViews,
  ) {}

  async execute(c: CreatePlanDraftCommand): Promise<PlanDraftView> {
    const units = await this.drafts.knownUnits();
    const plan = {
      ...(c.planCode ? { code: c.planCode } : {}),
      ...(c.planTitle ? { title: c.planTitle } : {}),
    };
    const reading = await this.documents.draft(c.bytes, c.format, { units, plan });
    if (!reading.ok) throw new DomainError(reading.code, reading.message);
    const document = reading.document;
    const row = {
      id: randomUUID(),
      createdAt: new Date(),
      createdBy: c.actor,
      fileName: c.fileName,
      format: c.format,
      documentText: document,
      draft: reading.draft,
      plan: reading.draft.plan,
      edited: [],
      revision: 1,
      status: 'draft' as const,
      appliedPlanId: null,
      targetPlanCode: await this.views.targetOf(reading.draft.plan),
    };
    await this.drafts.insert(row);
    // The route names no draft yet: the audit row names the one made.
    noteAudit({ targets: { id: row.id } });
    return this.views.view(row);
  }
}
