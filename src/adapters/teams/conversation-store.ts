// Where Teams conversation references are kept, so digests and alerts can be sent later (notify.ts).
// A seam of plain JSON: must not import botbuilder, so a database store can implement it without the SDK.

/** One conversation the bot is installed in or was spoken to in. */
export interface TeamsConversation {
  /** conversation.id without any `;messageid=` suffix, so a proactive post starts a new thread. */
  id: string;
  serviceUrl: string;
  tenantId?: string;
  /** "personal", "groupChat" or "channel", as Teams reports it. */
  conversationType?: string;
  /** The Bot Framework conversation reference, as JSON, handed back to the SDK unchanged. */
  reference: Record<string, unknown>;
  /** ISO time of the last save. */
  updatedAt: string;
}

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
