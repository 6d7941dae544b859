import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

// Which API token created a token, so that revoking a token revokes the tokens it created. Tokens
// may no longer create tokens, but rows from before may have been; `created_by` names the creator
// (a user id, a token id or `cli`), so a creator that is a token is copied over.
export class TokenLineage1795920000000 implements MigrationInterface {
  name = 'TokenLineage1795920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'api_tokens',
      new TableColumn({ name: 'created_by_token_id', type: 'varchar', length: '36', isNullable: true }),
    );
    await q.createIndex(
      'api_tokens',
      new TableIndex({ name: 'ix_api_tokens_created_by_token', columnNames: ['created_by_token_id'] }),
    );
    await q.query(
      `UPDATE api_tokens SET created_by_token_id = created_by
       WHERE created_by IN (SELECT id FROM api_tokens)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('api_tokens', 'ix_api_tokens_created_by_token');
    await q.dropColumn('api_tokens', 'created_by_token_id');
  }
}
