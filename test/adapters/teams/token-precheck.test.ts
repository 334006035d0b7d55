// Which issuer and signing-key URLs the token precheck uses: the ones botbuilder's
// BotFrameworkAuthenticationFactory picks from the same settings (values copied from its constants).
import { describe, expect, it } from "vitest";
import { endpoints } from "../../../src/adapters/teams/token-precheck.js";

describe("token precheck endpoints", () => {
  it("uses the public cloud when nothing is set", () => {
    expect(endpoints({ MicrosoftAppId: "app" })).toEqual({
      channelIssuer: "https://api.botframework.com",
      channelKeys: "https://login.botframework.com/v1/.well-known/openidconfiguration",
      emulatorKeys: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    });
  });

  it("uses the US government cloud for its ChannelService", () => {
    expect(endpoints({ ChannelService: "https://botframework.azure.us" })).toEqual({
      channelIssuer: "https://api.botframework.us",
      channelKeys: "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
      emulatorKeys: "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration",
    });
  });

  it("takes every value as given once any endpoint is set, including the legacy key names", () => {
    expect(
      endpoints({ ToBotFromChannelTokenIssuer: "https://issuer.example", ToBotFromEmulatorOpenIdMetadataUrl: "https://emu.example/openid" }),
    ).toEqual({
      channelIssuer: "https://issuer.example",
      channelKeys: "",
      emulatorKeys: "https://emu.example/openid",
    });
    expect(endpoints({ BotOpenIdMetadata: "https://keys.example/openid", ChannelService: "https://botframework.azure.us" })).toEqual({
      channelIssuer: "",
      channelKeys: "https://keys.example/openid",
      emulatorKeys: "",
    });
  });
});
