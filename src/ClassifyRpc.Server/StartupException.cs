namespace ClassifyRpc.Server;

/// <summary>The server cannot start; the message is the one line printed on stderr.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }
}
