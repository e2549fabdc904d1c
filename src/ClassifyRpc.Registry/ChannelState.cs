namespace ClassifyRpc.Registry;

/// <summary>What a case says about one channel.</summary>
public enum ChannelState
{
    /// <summary>The case does not name the channel: it says nothing there.</summary>
    Absent = 0,
    /// <summary>The order is enforced on the channel.</summary>
    Enforced = 1,
    /// <summary>The order is stayed on the channel: it says nothing there for now.</summary>
    Stayed = 2,
}
