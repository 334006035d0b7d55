// Builds the botbuilder CloudAdapter from typed Teams config; the only place that configures Bot
// Framework authentication. botbuilder stays inside src/adapters/teams; settings come typed from config.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import type { Config } from "../../config.js";
import { ConfigError } from "../../config.js";
import { createTokenPrecheck, type TokenPrecheck } from "./token-precheck.js";

export type TeamsConfig = Config["teams"];
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** CloudAdapter that runs an already-parsed activity, so the HTTP edge decides how failures are logged. */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates `authHeader` and runs one turn; resolves with the invoke response, if any. */
  run(authHeader: string, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Extra Bot Framework settings merged over the config, e.g. `ToBotFromChannelOpenIdMetadataUrl`
 * (tests point it at a local fake) or certificate settings.
 */
export type AuthOverrides = Record<string, string | boolean | undefined>;

export function createTeamsAdapter(teams: TeamsConfig, overrides: AuthOverrides = {}): TeamsCloudAdapter {
  const settings: AuthOverrides = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId,
    ...overrides,
  };
  try {
    // Without an app id the SDK checks no token at all (local mode), so neither do we.
    const auth = new ReusingAuthentication(settings, teams.appId ? createTokenPrecheck(settings) : undefined);
    return new TeamsCloudAdapter(auth);
  } catch (err) {
    // The SDK asserts on incomplete settings (e.g. SingleTenant without a tenant id).
    throw new ConfigError(
      `Teams settings are incomplete (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId): ${(err as Error).message}`,
    );
  }
}

type Identity = Parameters<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>[0];
type Factory = ReturnType<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>;
type Client = Awaited<ReturnType<Factory["create"]>>;
type TokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["createUserTokenClient"]>>;

/**
 * The SDK builds a fresh HTTP pipeline for a ConnectorClient and a UserTokenClient on every turn
 * (about a tenth of a turn's CPU). Clients hold no per-turn state and their credentials refresh their
 * own tokens, so we reuse them per bot identity and serviceUrl; bounded, because in local mode any
 * caller can name any serviceUrl.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<Client>>();
  private readonly tokenClients = new Map<string, Promise<TokenClient>>();

  /** `precheck` refuses the tokens botbuilder would console.error about (see token-precheck.ts). */
  constructor(
    settings: AuthOverrides,
    private readonly precheck?: TokenPrecheck,
  ) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string) {
    await this.precheck?.(activity, authHeader);
    const result = await super.authenticateRequest(activity, authHeader);
    // Inbound turns get their factory here, not from createConnectorFactory.
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) };
  }

  override createConnectorFactory(identity: Identity): Factory {
    return this.reusing(super.createConnectorFactory(identity), identity);
  }

  private reusing(inner: Factory, identity: Identity): Factory {
    const who = identityKey(identity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        remember(this.clients, `${who}|${audience ?? ""}|${serviceUrl}`, () => inner.create(serviceUrl, audience)),
    } as Factory;
  }

  override createUserTokenClient(identity: Identity): Promise<TokenClient> {
    return remember(this.tokenClients, identityKey(identity), () => super.createUserTokenClient(identity));
  }
}

const MAX_CLIENTS = 256;
function remember<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value!);
    hit = make();
    // A failed creation must not be cached.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** The claims the SDK derives the bot's app id from (empty in local mode). */
function identityKey(identity: Identity): string {
  return identity.claims
    .filter((c) => c.type === "aud" || c.type === "appid" || c.type === "azp" || c.type === "ver")
    .map((c) => `${c.type}=${c.value}`)
    .sort()
    .join(",");
}

/** true when a failure means "this caller is not who it claims to be" rather than "we broke". */
export function isAuthFailure(err: unknown): boolean {
  const e = err as { statusCode?: unknown; name?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  if (e.statusCode === 401 || e.statusCode === 403) return true;
  // jsonwebtoken's own errors (bad signature, expired, not yet valid) escape the SDK unwrapped.
  return e.name === "JsonWebTokenError" || e.name === "TokenExpiredError" || e.name === "NotBeforeError";
}
