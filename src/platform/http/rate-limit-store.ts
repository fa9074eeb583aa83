import type { RawSql } from '../db/database.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A @fastify/rate-limit store on PostgreSQL: every web instance counts into the same buckets, so a
 * limit holds however many instances run. One upsert per counted request.
 */
export function createPostgresRateLimitStore(raw: RawSql, namespace = 'rl') {
  return class PostgresRateLimitStore {
    constructor(private readonly routeKey = '') {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      raw
        .query<{ hits: number; ttl_ms: string }>(
          `insert into rate_limit_bucket (key, hits, reset_at)
             values ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
           on conflict (key) do update set
             hits = case when rate_limit_bucket.reset_at <= now() then 1 else rate_limit_bucket.hits + 1 end,
             reset_at = case when rate_limit_bucket.reset_at <= now()
               then now() + make_interval(secs => $2::double precision / 1000) else rate_limit_bucket.reset_at end
           returning hits, (extract(epoch from (reset_at - now())) * 1000)::bigint as ttl_ms`,
          [`${namespace}:${this.routeKey}:${key}`, timeWindow],
        )
        .then(({ rows }) =>
          callback(null, { current: rows[0]!.hits, ttl: Math.max(0, Number(rows[0]!.ttl_ms)) }),
        )
        .catch((error: Error) => callback(error));
    }

    read(key: string, callback: Callback): void {
      raw
        .query<{ hits: number; ttl_ms: string }>(
          `select hits, (extract(epoch from (reset_at - now())) * 1000)::bigint as ttl_ms
             from rate_limit_bucket where key = $1 and reset_at > now()`,
          [`${namespace}:${this.routeKey}:${key}`],
        )
        .then(({ rows }) =>
          callback(
            null,
            rows[0] ? { current: rows[0].hits, ttl: Number(rows[0].ttl_ms) } : { current: 0, ttl: 0 },
          ),
        )
        .catch((error: Error) => callback(error));
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }) {
      return new PostgresRateLimitStore(
        `${routeOptions.routeInfo?.method ?? ''}${routeOptions.routeInfo?.url ?? ''}`,
      );
    }
  };
}
