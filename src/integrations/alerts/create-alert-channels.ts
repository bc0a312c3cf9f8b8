import type { ChannelSettings } from '../../services/alerts/alerts-config.ts';
import type { AlertChannel } from './alert-channel.ts';
import { EmailChannel } from './email.channel.ts';
import { TelegramChannel } from './telegram.channel.ts';
import { WebhookChannel } from './webhook.channel.ts';

/** Builds the channel each configured entry names. */
export function createAlertChannel(settings: ChannelSettings): AlertChannel {
  switch (settings.type) {
    case 'telegram':
      return new TelegramChannel(settings);
    case 'email':
      return new EmailChannel(settings);
    case 'webhook':
      return new WebhookChannel(settings);
  }
}
