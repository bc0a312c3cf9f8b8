import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';

import type { UploadReceiptResponse, UploadStatusResponse, uploadListSchema } from '../../../src/server/schemas/uploads.schemas.ts';
import { API_BASE, ApiError, getCsrfToken, http } from './http-client.ts';

export type UploadReceiptView = UploadReceiptResponse;
export type UploadStatusView = UploadStatusResponse;
type UploadListResponse = z.infer<typeof uploadListSchema>;

/**
 * Sends files in one multipart request and reports the upload progress, 0..1. XMLHttpRequest is used
 * because fetch() has no upload progress events.
 */
export function sendFiles(files: readonly File[], onProgress: (share: number) => void): Promise<UploadReceiptView> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) {
      form.append('files', file, file.name);
    }
    const request = new XMLHttpRequest();
    request.open('POST', `${API_BASE}/uploads`);
    request.setRequestHeader('Accept', 'application/json');
    const token = getCsrfToken();
    if (token !== null) {
      request.setRequestHeader('X-CSRF-Token', token);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    };
    request.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(request.responseText);
      } catch {
        payload = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(payload as UploadReceiptView);
        return;
      }
      const error = (payload as { error?: { code: string; message: string } } | null)?.error;
      reject(new ApiError(request.status, error?.code ?? `HTTP_${String(request.status)}`, error?.message ?? `Сервер не принял файлы (ошибка ${String(request.status)}).`));
    };
    request.onerror = () => {
      reject(new ApiError(0, 'NETWORK', 'Связь с сервером прервалась во время загрузки. Проверьте подключение и повторите.'));
    };
    request.send(form);
  });
}

const FINAL = ['done', 'failed', 'cancelled'];

/** Lists recent uploads of everyone, newest first, and refreshes while any of them is still being analysed. */
export function useRecentUploads() {
  return useQuery({
    queryKey: ['uploads', 'recent'],
    queryFn: () => http.get<UploadListResponse>('/uploads', { limit: 20 }),
    refetchInterval: (query) => (query.state.data?.items.some((item) => !FINAL.includes(item.state)) === true ? 3000 : false),
  });
}

/** Polls an uploaded file's analysis state until it ends. */
export function useUploadStatus(uploadId: string | null) {
  return useQuery({
    queryKey: ['uploads', uploadId],
    queryFn: () => http.get<UploadStatusView>(`/uploads/${encodeURIComponent(uploadId ?? '')}`),
    enabled: uploadId !== null,
    refetchInterval: (query) => (query.state.data !== undefined && FINAL.includes(query.state.data.state) ? false : 1500),
  });
}
