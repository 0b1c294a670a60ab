using static TorchSharp.torch;

namespace Fcn.Runtime.Tests.Support;

/// <summary>Process-wide TorchSharp settings for the tests: two threads (the CI machines have two cores).</summary>
internal static class TorchSetup
{
    private static readonly object Gate = new();
    private static bool done;

    public static void Ensure()
    {
        lock (Gate)
        {
            if (done) return;
            set_num_threads(2);
            done = true;
        }
    }
}
