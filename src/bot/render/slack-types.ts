// The shape of a Slack message as costbot builds it: shared by the spend and worded-card renderers.
// Types only; imports nothing.
export type SlackBlock = Record<string, unknown>;
export interface SlackMessage {
  /** Plain, short fallback for notifications and clients without blocks (mrkdwn-escaped). */
  text: string;
  blocks: SlackBlock[];
}
