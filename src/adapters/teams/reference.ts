// Conversation reference <-> the plain JSON the store keeps, normalised for proactive sends.
// The only file that knows how Teams spells tenant and thread ids.
import { TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { TeamsConversation } from "./conversation-store.js";

/** Channel replies carry `;messageid=...`; posting to the bare id starts a new thread instead. */
export function baseConversationId(id: string): string {
  return id.split(";")[0];
}

export function toStoredConversation(activity: Activity, now = new Date()): TeamsConversation {
  const ref = TurnContext.getConversationReference(activity);
  const id = baseConversationId(activity.conversation.id);
  const tenantId = activity.conversation.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  // Drop the message id: a proactive send is a new message, not a reply to this one.
  const { activityId: _dropped, ...rest } = ref;
  const reference = { ...rest, conversation: { ...activity.conversation, id, ...(tenantId ? { tenantId } : {}) } };
  return {
    id,
    serviceUrl: activity.serviceUrl,
    tenantId,
    conversationType: activity.conversation.conversationType,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    updatedAt: now.toISOString(),
  };
}

export function toConversationReference(stored: TeamsConversation): Partial<ConversationReference> {
  return { ...(stored.reference as Partial<ConversationReference>), serviceUrl: stored.serviceUrl };
}
