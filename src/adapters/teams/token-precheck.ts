// Refuses, before botbuilder sees them, the inbound tokens that botbuilder 4.23 would print about.
//
// botframework-connector 4.23.3, lib/auth/jwtTokenExtractor.js, JwtTokenExtractor.validateToken (lines
// 160-167): once a token has an accepted issuer and a published signing key, any failure of
// jsonwebtoken.verify, the endorsement check or the algorithm check lands in a catch block that
// console.errors the expired-token error with its stack, or "Error finding key for token. Available
// keys: <PEM>", before throwing. It runs for every Bot Framework auth path (channel, emulator, skill,
// ASE) and has no logger option or hook (upstream PR #4333). Tokens refused earlier (no token, another
// issuer, an unknown key id) and tokens that verify are not printed about.
//
// So the same checks run here first, with the SDK's own pieces: a JwtTokenExtractor built with the
// settings botbuilder uses (its per-URL cache hands out the very OpenIdMetadata instance, so the signing
// keys are fetched once) and jsonwebtoken.verify with the extractor's own options. A token that fails
// is answered 401 here; everything else goes on to botbuilder's full check (claims, app id, serviceUrl).
// The one gap: a token that expires in the microseconds between the two checks is still printed about.
import type { Activity } from "botbuilder";
import connector from "botframework-connector";
// Not exported from the package index; pinned to botbuilder's own version in package.json.
import { JwtTokenExtractor } from "botframework-connector/lib/auth/jwtTokenExtractor.js";
import jwt from "jsonwebtoken";
import { LRUCache } from "lru-cache";

const {
  AseChannelValidation,
  AuthenticationConstants,
  AuthenticationError,
  BetweenBotAndAseChannelTokenValidationParameters,
  EmulatorValidation,
  EndorsementsValidator,
  GovernmentConstants,
  SkillValidation,
  ToBotFromBotOrEmulatorTokenValidationParameters,
} = connector;

/** The Bot Framework settings object given to ConfigurationBotFrameworkAuthentication. */
type AuthSettings = Record<string, string | boolean | undefined>;

const UNAUTHORIZED = 401;

/** Resolves when botbuilder may check `authHeader` itself; rejects (401) a token it would print about. */
export type TokenPrecheck = (activity: Activity, authHeader: string) => Promise<void>;

export function createTokenPrecheck(settings: AuthSettings): TokenPrecheck {
  const urls = endpoints(settings);
  // The channel reuses a token for many requests, and a verify costs a few hundred microseconds: a
  // token that passed is not checked again before it expires (for the same channel id, which the
  // endorsement check depends on).
  const passed = new LRUCache<string, true>({ max: 256, ttl: 60_000, ttlAutopurge: false });
  return async (activity, authHeader) => {
    if (!authHeader.trim()) return;
    const channelId = activity.channelId ?? "";
    const seen = `${channelId} ${authHeader}`;
    if (passed.has(seen)) return;
    const [scheme, token] = pickToken(authHeader, channelId);
    if (scheme !== "Bearer" || !token) return;
    const outcome = await verify(extractorFor(urls, authHeader, channelId), token, channelId);
    if (typeof outcome === "string") throw new AuthenticationError(outcome, UNAUTHORIZED);
    if (outcome && outcome.until > Date.now()) passed.set(seen, true, { ttl: outcome.until - Date.now() });
  };
}

interface Endpoints {
  channelIssuer: string;
  channelKeys: string;
  emulatorKeys: string;
}

/** The issuer and key URLs BotFrameworkAuthenticationFactory.create picks from the same settings. */
export function endpoints(s: AuthSettings): Endpoints {
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const channelKeys = text(s.ToBotFromChannelOpenIdMetadataUrl ?? s[AuthenticationConstants.BotOpenIdMetadataKey]);
  const oauthUrl = text(s.OAuthUrl ?? s[AuthenticationConstants.OAuthUrlKey]);
  const given = [s.ToChannelFromBotLoginUrl, s.ToChannelFromBotOAuthScope, s.ToBotFromChannelTokenIssuer, oauthUrl, channelKeys];
  // Any of these set means "all parameters are intentional": the SDK then uses them as given.
  if ([...given, s.ToBotFromEmulatorOpenIdMetadataUrl, s.CallerId].some((v) => text(v) !== "")) {
    return { channelIssuer: text(s.ToBotFromChannelTokenIssuer), channelKeys, emulatorKeys: text(s.ToBotFromEmulatorOpenIdMetadataUrl) };
  }
  const cloud = s.ChannelService === GovernmentConstants.ChannelService ? GovernmentConstants : AuthenticationConstants;
  return {
    channelIssuer: cloud.ToBotFromChannelTokenIssuer,
    channelKeys: cloud.ToBotFromChannelOpenIdMetadataUrl,
    emulatorKeys: cloud.ToBotFromEmulatorOpenIdMetadataUrl,
  };
}

/** Scheme and token as the SDK splits them: skill tokens by position, the others only when exactly two parts. */
function pickToken(authHeader: string, channelId: string): [string?, string?] {
  const parts = authHeader.split(" ");
  const skill = !AseChannelValidation.isTokenFromAseChannel(channelId) && SkillValidation.isSkillToken(authHeader);
  return skill || parts.length === 2 ? [parts[0], parts[1]] : [];
}

/** The extractor ParameterizedBotFrameworkAuthentication would build for this request, in its order. */
function extractorFor(urls: Endpoints, authHeader: string, channelId: string): JwtTokenExtractor {
  const algorithms = AuthenticationConstants.AllowedSigningAlgorithms;
  if (AseChannelValidation.isTokenFromAseChannel(channelId)) {
    // Read per request: AseChannelValidation.init (run by the SDK's constructor) sets both.
    return new JwtTokenExtractor(BetweenBotAndAseChannelTokenValidationParameters, AseChannelValidation.MetadataUrl, algorithms);
  }
  if (SkillValidation.isSkillToken(authHeader) || EmulatorValidation.isTokenFromEmulator(authHeader)) {
    // The SDK appends AuthenticationConfiguration.validTokenIssuers to these; it is given none.
    return new JwtTokenExtractor(ToBotFromBotOrEmulatorTokenValidationParameters, urls.emulatorKeys, algorithms);
  }
  const options = { issuer: [urls.channelIssuer], audience: undefined, clockTolerance: 5 * 60, ignoreExpiration: false };
  return new JwtTokenExtractor(options, urls.channelKeys, algorithms);
}

/**
 * Why the SDK's validateToken would fail (and print) for this token; `{ until }` (its expiry) when it
 * verified; null when the SDK refuses it before that point without printing.
 */
async function verify(extractor: JwtTokenExtractor, token: string, channelId: string): Promise<string | { until: number } | null> {
  const options = extractor.tokenValidationParameters;
  const payload = jwt.decode(token);
  const issuer = payload && typeof payload === "object" ? payload.iss : undefined;
  const accepted = Array.isArray(options.issuer) ? options.issuer.includes(issuer as string) : options.issuer === issuer;
  if (issuer === undefined || !accepted) return null;
  const header = jwt.decode(token, { complete: true })?.header;
  const key = await extractor.openIdMetadata.getKey(header?.kid as string);
  if (!key) return null;
  let claims: string | jwt.JwtPayload;
  try {
    // The extractor's options are typed with botframework-connector's own copy of @types/jsonwebtoken.
    claims = jwt.verify(token, key.key, options as jwt.VerifyOptions);
  } catch (err) {
    return (err as Error).name === "TokenExpiredError" ? "The token has expired" : (err as Error).message;
  }
  // The SDK also checks required endorsements here; it is given none (no AuthenticationConfiguration).
  const endorsements = key.endorsements;
  if (Array.isArray(endorsements) && endorsements.length > 0 && !EndorsementsValidator.validate(channelId, endorsements)) {
    return `Could not validate endorsement for key: ${header?.kid}`;
  }
  if (options.algorithms && !options.algorithms.includes(header?.alg as jwt.Algorithm))
    return `Token signing algorithm '${header?.alg}' not in allowed list`;
  return { until: typeof claims === "object" && typeof claims.exp === "number" ? claims.exp * 1000 : 0 };
}
