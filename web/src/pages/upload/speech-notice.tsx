import { Alert, Anchor } from '@mantine/core';
import { IconMicrophoneOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { http } from '../../api/http-client.ts';
import type { IntegrationStatusView } from '../../api/integrations.api.ts';
import { can, useSession } from '../../auth/session-context.tsx';
import { speechProblem } from './speech-status.ts';

/**
 * Warns before an upload that recordings cannot be transcribed on this installation. The integration
 * status it reads is open to administrators only, so other roles learn it from the upload's result.
 */
export function SpeechNotice() {
  const { session } = useSession();
  const allowed = can(session.user.role, 'integrations');
  // The same query as the «Интеграции» page, so the two share what they loaded.
  const status = useQuery({ queryKey: ['integrations'], queryFn: () => http.get<IntegrationStatusView>('/integrations'), enabled: allowed });
  const problem = status.data === undefined ? null : speechProblem(status.data.asr);
  if (!allowed || problem === null) {
    return null;
  }
  return (
    <Alert color="yellow" icon={<IconMicrophoneOff size={18} />} title="Записи разговоров пока не расшифровываются" mb="md" data-testid="speech-notice">
      {problem === 'no-model' ? 'На этой установке okk нет модели распознавания речи' : 'Распознавание речи на этой установке okk не настроено'}, поэтому загруженные записи не
      будут расшифрованы и оценены. Что нужно сделать, показано на странице{' '}
      <Anchor component={Link} to="/integrations" inherit>
        «Интеграции»
      </Anchor>
      . Готовые расшифровки звонков можно загружать уже сейчас.
    </Alert>
  );
}
