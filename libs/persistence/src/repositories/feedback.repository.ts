import { DataSource } from 'typeorm';
import { FeedbackEntity, FeedbackStatus } from '../entities/feedback.entity';

export interface FeedbackTriage {
  readonly status: Exclude<FeedbackStatus, 'received'>;
  readonly measureId: string | null;
  readonly dismissReason: string | null;
  readonly triagedBy: string;
  readonly triagedAt: Date;
}

export class FeedbackRepository {
  constructor(private readonly ds: DataSource) {}

  async insert(feedback: FeedbackEntity): Promise<void> {
    await this.ds.getRepository(FeedbackEntity).insert(feedback);
  }

  findById(id: string): Promise<FeedbackEntity | null> {
    return this.ds.getRepository(FeedbackEntity).findOne({ where: { id } });
  }

  findByTrackingHash(trackingHash: string): Promise<FeedbackEntity | null> {
    return this.ds.getRepository(FeedbackEntity).findOne({ where: { trackingHash } });
  }

  async list(filter: {
    status?: FeedbackStatus;
    limit: number;
    offset: number;
  }): Promise<{ items: FeedbackEntity[]; total: number }> {
    const [items, total] = await this.ds.getRepository(FeedbackEntity).findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { receivedAt: 'ASC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  // Triage happens once: false when someone else triaged it first.
  async triage(id: string, t: FeedbackTriage): Promise<boolean> {
    const r = await this.ds.getRepository(FeedbackEntity).update({ id, status: 'received' }, { ...t });
    return (r.affected ?? 0) > 0;
  }
}
