// Where Teams conversation references are kept, so digests and alerts can be sent later (notify.ts).
// A seam of plain JSON: must not import botbuilder, so a database store can implement it without the SDK.

import type { TeamsConversation } from "../../store/types.js";

/** One conversation the bot is installed in or was spoken to in (the store keeps the same shape). */
export type { TeamsConversation };

export interface ConversationStore {
  /** Insert or replace by `id`. */
  saveConversation(conversation: TeamsConversation): Promise<void>;
  getConversation(id: string): Promise<TeamsConversation | undefined>;
  listConversations(): Promise<TeamsConversation[]>;
}

/** Keeps references in process memory: enough for one instance until the database store lands. */
export function createMemoryConversationStore(): ConversationStore {
  const byId = new Map<string, TeamsConversation>();
  return {
    async saveConversation(c) {
      byId.set(c.id, structuredClone(c));
    },
    async getConversation(id) {
      const c = byId.get(id);
      return c && structuredClone(c);
    },
    async listConversations() {
      return [...byId.values()].map((c) => structuredClone(c));
    },
  };
}
