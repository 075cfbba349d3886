import { defineConfig } from 'prisma/config';

// Lotsen applies migrations itself (src/storage/migrations.ts) so the CLI's native engine is
// never needed; this file only tells `prisma generate` where the schema is.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
