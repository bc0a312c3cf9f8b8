import { createHash, timingSafeEqual } from 'node:crypto';

/** Fields of a Mango Office notification POST (`application/x-www-form-urlencoded`). */
export interface MangoWebhookForm {
  vpbxApiKey: string;
  sign: string;
  json: string;
}

export interface MangoCredentials {
  /** «Уникальный код вашей АТС» (`vpbx_api_key`). */
  apiKey: string;
  /** «Ключ для создания подписи» (`vpbx_api_salt`). */
  apiSalt: string;
}

export type MangoSignatureCheck = { ok: true } | { ok: false; message: string };

/**
 * Mango Office signs every request, theirs and ours, the same way: `sign` is the hex SHA-256 of
 * `vpbx_api_key + json + vpbx_api_salt`, with `json` exactly as sent.
 */
export function signMango(json: string, credentials: MangoCredentials): string {
  return createHash('sha256').update(credentials.apiKey + json + credentials.apiSalt, 'utf8').digest('hex');
}

/** Checks that a notification came from this company's Mango Office account and was not altered. */
export function verifyMangoSignature(form: MangoWebhookForm, credentials: MangoCredentials): MangoSignatureCheck {
  if (form.vpbxApiKey !== credentials.apiKey) {
    return { ok: false, message: 'уведомление Mango Office подписано ключом другой АТС (vpbx_api_key не совпадает с настройками)' };
  }
  const expected = Buffer.from(signMango(form.json, credentials), 'hex');
  const given = Buffer.from(form.sign.trim().toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, message: 'подпись уведомления Mango Office неверна: проверьте ключ для создания подписи (vpbx_api_salt)' };
  }
  return { ok: true };
}

/** Reads the three fields of a notification body; returns null when one is missing. */
export function readMangoWebhookForm(body: string): MangoWebhookForm | null {
  const params = new URLSearchParams(body);
  const vpbxApiKey = params.get('vpbx_api_key');
  const sign = params.get('sign');
  const json = params.get('json');
  if (vpbxApiKey === null || sign === null || json === null) {
    return null;
  }
  return { vpbxApiKey, sign, json };
}
