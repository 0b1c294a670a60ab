using System;
using System.Threading;

namespace Fcn.Cli.ConsoleUi;

/// <summary>
/// Turns Ctrl+C into a cancellation request: the trainer finishes its current step, writes a checkpoint
/// and returns, instead of the process dying mid-step. A second Ctrl+C is left to the default handler.
/// </summary>
public sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    /// <summary>Starts listening for Ctrl+C.</summary>
    public ConsoleCancellation() => Console.CancelKeyPress += OnCancelKeyPress;

    /// <summary>Cancelled on the first Ctrl+C.</summary>
    public CancellationToken Token => _source.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (_source.IsCancellationRequested)
        {
            return; // second press: let the process terminate.
        }

        e.Cancel = true;
        _source.Cancel();
    }
}
