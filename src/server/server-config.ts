import type { AppConfig } from '../lib/config.ts';
import { z } from '../lib/zod-russian.ts';

/** The `server` section of the config file. */
const serverSection = z.strictObject({
  port: z.number().int().min(1).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  /** `auto` marks the session cookie Secure for requests that arrived over HTTPS. */
  secureCookies: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Trust `X-Forwarded-For` and `X-Forwarded-Proto` from a reverse proxy in front of okk. */
  trustProxy: z.boolean().default(false),
  /** Folder of the built web UI; `web/dist` of the checkout by default. */
  webDist: z.string().min(1).nullable().default(null),
  /** Hours a session lasts without use. */
  sessionIdleHours: z.number().positive().max(24 * 90).default(12),
  /** Days a session lasts at most after sign-in. */
  sessionMaxDays: z.number().positive().max(365).default(14),
  /** Address users open okk at (`https://okk.example.ru`), for links to calls in exports; null leaves them out. */
  publicUrl: z.url({ protocol: /^https?$/u, error: 'адрес http(s)://…' }).nullable().default(null),
});

export type ServerSettings = z.infer<typeof serverSection>;

export function readServerSettings(config: AppConfig): ServerSettings {
  return config.section('server', serverSection);
}
