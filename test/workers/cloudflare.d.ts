/**
 * The parts of the Workers test modules these tests use (provided by
 * @cloudflare/vitest-pool-workers inside workerd); typed here so the Node typecheck knows them.
 */
declare module "cloudflare:test" {
  export function reset(): Promise<void>;
  export function applyD1Migrations(db: unknown, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): unknown;
  interface D1Migration {
    name: string;
    queries: string[];
  }
}

declare module "cloudflare:workers" {
  /** The bindings of wrangler.toml plus those the test project adds (vitest.config.ts). */
  export const env: {
    DB: import("drizzle-orm/d1").AnyD1Database;
    ASSETS: { fetch(request: Request): Promise<Response> };
    TEST_MIGRATIONS: { name: string; queries: string[] }[];
  };
}
