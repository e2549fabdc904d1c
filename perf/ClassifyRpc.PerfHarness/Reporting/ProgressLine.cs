using System.Diagnostics;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The progress line on stderr: rewritten in place on a terminal, one line per step otherwise (CI logs). It ticks every
/// half second while a scenario runs so a stuck run is visible.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly object _lock = new();
    private readonly Timer _timer;
    private string _current = "";
    private Stopwatch _step = new();
    private int _width;

    public ProgressLine()
    {
        _timer = new Timer(_ => Tick(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public void Step(string text)
    {
        lock (_lock)
        {
            _current = text;
            _step = Stopwatch.StartNew();
            Write(forceNewLine: !_interactive);
        }
    }

    public void Done(string text)
    {
        lock (_lock)
        {
            _current = text;
            Write(forceNewLine: true);
            _current = "";
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            if (_interactive && _width > 0)
            {
                Console.Error.Write('\r' + new string(' ', _width) + '\r');
            }
        }
    }

    private void Tick()
    {
        lock (_lock)
        {
            if (_interactive && _current.Length > 0)
            {
                Write(forceNewLine: false);
            }
        }
    }

    private void Write(bool forceNewLine)
    {
        string line = $"[{_total.Elapsed.TotalSeconds,5:0.0}s] {_current} ({_step.Elapsed.TotalSeconds:0.0}s)";
        if (_interactive)
        {
            Console.Error.Write('\r' + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
            if (forceNewLine)
            {
                Console.Error.WriteLine();
                _width = 0;
            }
        }
        else if (forceNewLine)
        {
            Console.Error.WriteLine(line);
        }
    }
}
