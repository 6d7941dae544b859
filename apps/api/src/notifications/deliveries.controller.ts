import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { ListDeliveriesUseCase, RetryDeliveryUseCase } from './delivery.use-cases';
import { deliveryQuery } from './people.schemas';

@ApiTags('notifications')
@Controller('deliveries')
export class DeliveriesController {
  constructor(
    @Inject(ListDeliveriesUseCase) private readonly listDeliveries: ListDeliveriesUseCase,
    @Inject(RetryDeliveryUseCase) private readonly retryDelivery: RetryDeliveryUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Deliveries by measure, person, channel and state (queued, sent, failed, dead, read, unaddressed)',
  })
  @Allow('delivery:read')
  list(@Query() query: Record<string, unknown>) {
    const q = parseInput(deliveryQuery, query, 'query');
    return this.listDeliveries.execute({
      measureId: q.measure,
      personId: q.person,
      channel: q.channel,
      state: q.state,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a dead delivery again' })
  @Allow('delivery:retry')
  retry(@Param('id') id: string) {
    return this.retryDelivery.execute(id);
  }
}
