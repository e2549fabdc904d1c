using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Internal;

internal static class ChannelRules
{
    /// <summary>A channel a listing can be judged on: a named one. CHANNEL_UNSPECIFIED (a caller that forgot
    /// to set it) and numbers from a newer contract this server does not know are refused, never guessed.</summary>
    public static bool IsJudgeable(Channel channel) => (uint)(channel - Channel.Advertising) <= Channel.Listing - Channel.Advertising;

    public const string UnspecifiedMessage =
        "must be one of CHANNEL_ADVERTISING, CHANNEL_EMAIL, CHANNEL_SEARCH, CHANNEL_RECOMMENDATION, CHANNEL_LISTING";

    public static string Describe(Channel channel) => $"{UnspecifiedMessage} (got {(int)channel})";
}
