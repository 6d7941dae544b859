import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentText, PlanDraft } from '../../../plan-io/src/draft/plan-draft';
import { instantColumn } from '../column-types';

export const PLAN_DRAFT_STATUSES = ['draft', 'applied'] as const;
export type PlanDraftStatus = (typeof PLAN_DRAFT_STATUSES)[number];

// 方案草稿: a plan drafted from a document, as read and as the office has edited it since, until
// it is applied through the normal import (or deleted).
@Entity('plan_drafts')
export class PlanDraftEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column(instantColumn({ name: 'created_at' })) createdAt!: Date;
  // Who drafted it, as imports record their actor: `role:kind:id`.
  @Column('varchar', { name: 'created_by', length: 200 }) createdBy!: string;
  @Column('varchar', { name: 'file_name', length: 255, nullable: true }) fileName!: string | null;
  @Column('varchar', { length: 8 }) format!: DocumentText['format'];
  // The document's paragraphs, so a review shows the document beside the draft.
  @Column('simple-json', { name: 'document_text' }) documentText!: DocumentText;
  // The reading as it came: where each field came from and how sure it is.
  @Column('simple-json') draft!: PlanDraft;
  // The plan document as edited since (JSON Patch), placeholders included until replaced.
  @Column('simple-json') plan!: Record<string, unknown>;
  // Paths (as DraftFieldSource.path) of the fields an edit touched: no longer doubtful.
  @Column('simple-json') edited!: string[];
  // One more on every edit: an edit applies to the revision it read, or is refused.
  @Column('integer') revision!: number;
  @Column('varchar', { length: 16 }) status!: PlanDraftStatus;
  @Column('varchar', { name: 'applied_plan_id', length: 36, nullable: true }) appliedPlanId!: string | null;
  // The imported plan of the draft's code, which applying it would change; null when new.
  @Column('varchar', { name: 'target_plan_code', length: 64, nullable: true }) targetPlanCode!: string | null;
}
