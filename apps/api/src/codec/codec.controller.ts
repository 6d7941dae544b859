import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/auth.decorators';
import { parseInput } from '../common/parse-input';
import { payloadsBody } from './codec.schemas';
import { RunPayloadCodecUseCase } from './run-payload-codec.use-case';

// The codec server protocol of the Temporal Web UI and CLI: POST <endpoint>/encode and /decode,
// Payloads as protobuf JSON in and out, 200 on success, 400 on a payload it cannot decode.
@ApiTags('codec')
@ApiBearerAuth()
@Controller('codec')
export class CodecController {
  constructor(@Inject(RunPayloadCodecUseCase) private readonly codec: RunPayloadCodecUseCase) {}

  @Post('decode')
  @HttpCode(200)
  @Allow('codec:use')
  @ApiHeader({ name: 'X-Namespace', required: false })
  @ApiOperation({ summary: 'Decrypt payloads read from Temporal (the Web UI calls this to show histories)' })
  decode(@Body() body: unknown, @Headers('x-namespace') namespace?: string) {
    const { payloads } = parseInput(payloadsBody, body, 'body');
    return this.codec.execute({ direction: 'decode', payloads, namespace });
  }

  @Post('encode')
  @HttpCode(200)
  @Allow('codec:use')
  @ApiHeader({ name: 'X-Namespace', required: false })
  @ApiOperation({
    summary: 'Encrypt payloads under the current key (input the Web UI or CLI sends to Temporal)',
  })
  encode(@Body() body: unknown, @Headers('x-namespace') namespace?: string) {
    const { payloads } = parseInput(payloadsBody, body, 'body');
    return this.codec.execute({ direction: 'encode', payloads, namespace });
  }
}
