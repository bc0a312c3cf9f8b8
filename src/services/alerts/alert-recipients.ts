import { foldText } from '../../core/text/normalize.ts';
import type { ChannelSettings, Recipient } from './alerts-config.ts';

/** The address a webhook delivery is stored under: a webhook has one receiver, whatever the team. */
export const WEBHOOK_ADDRESS = 'webhook';

/**
 * Where a channel sends the alert about a call of `teamName`: the channel's own chat or addresses, and
 * the recipients of that team or of every team. A call without a team reaches only recipients of every team.
 */
export function addressesFor(channel: ChannelSettings, teamName: string | null, recipients: readonly Recipient[]): string[] {
  const team = teamName === null ? null : teamKey(teamName);
  const matching = recipients.filter((recipient) => recipient.teams.length === 0 || (team !== null && recipient.teams.some((name) => teamKey(name) === team)));
  return channelAddresses(channel, matching);
}

/** Every address of a channel, for a test message. */
export function allAddresses(channel: ChannelSettings, recipients: readonly Recipient[]): string[] {
  return channelAddresses(channel, recipients);
}

function channelAddresses(channel: ChannelSettings, recipients: readonly Recipient[]): string[] {
  switch (channel.type) {
    case 'webhook':
      return [WEBHOOK_ADDRESS];
    case 'telegram':
      return unique([...(channel.chatId === undefined ? [] : [channel.chatId]), ...recipients.flatMap((recipient) => (recipient.telegramChatId === undefined ? [] : [recipient.telegramChatId]))]);
    case 'email':
      return unique([...channel.to, ...recipients.flatMap((recipient) => (recipient.email === undefined ? [] : [recipient.email]))]);
  }
}

/** Team names from the config and from the calls match whatever their case, «ё» and spaces. */
function teamKey(name: string): string {
  return foldText(name).trim().replace(/\s+/gu, ' ');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
