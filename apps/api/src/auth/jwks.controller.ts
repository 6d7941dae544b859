import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokens, JsonWebKeySet } from './access-token';
import { Public } from './auth.decorators';

// The public keys that sign Rectify's access tokens (RFC 7517), for services that verify them
// themselves. Empty with HS256: a shared secret is never published.
@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(@Inject(AccessTokens) private readonly accessTokens: AccessTokens) {}

  @Get('jwks.json')
  @Public('auth:jwks')
  // Verifiers may cache it briefly; a key rotation restarts the API, so five minutes is plenty.
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The JSON Web Key Set that verifies access tokens (empty with HS256)' })
  keys(): JsonWebKeySet {
    return this.accessTokens.jwks;
  }
}
