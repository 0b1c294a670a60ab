using System.IO;
using System.Linq;
using System.Text.Json;
using Fcn.Cli.Tests.Support;
using Fcn.Imaging.Png;
using SkiaSharp;
using Xunit;

namespace Fcn.Cli.Tests.Running;

/// <summary>
/// A tiny end-to-end run on the built-in synthetic shapes: train TinyFcn8s for one epoch of eight
/// images, resume it for a second, score the checkpoint, and predict an image. One test, because each
/// step needs the previous one's files and the whole takes a few seconds on a CPU.
/// </summary>
public sealed class TrainEvalPredictTests
{
    [Fact]
    public void Train_resume_eval_and_predict_on_synthetic_data()
    {
        using var folder = new TempFolder();
        string runs = Path.Combine(folder.Path, "run");

        // 8 images in batches of 4: 2 steps per epoch.
        CliResult trained = Tool.Run("train", "--model", "TinyFcn8s", "--images", "8", "--batch", "4", "--epochs", "1",
            "--out", runs, "--device", "cpu", "--json");
        Assert.True(trained.ExitCode == 0, trained.Error);
        JsonElement[] events = JsonLines(trained.Out);
        Assert.Equal(new long[] { 1, 2 }, events.Where(e => Kind(e) == "step").Select(e => e.GetProperty("step").GetInt64()));
        Assert.Single(events, e => Kind(e) == "validation"); // one validation pass after the epoch
        JsonElement done = events[^1];
        Assert.Equal("done", Kind(done));
        Assert.Equal(2, done.GetProperty("steps").GetInt64());
        string checkpoint = Path.Combine(runs, "last.ckpt");
        Assert.Equal(checkpoint, done.GetProperty("checkpoint").GetString());
        Assert.True(File.Exists(checkpoint));

        // Resuming for a second epoch continues at step 3 and ends at step 4.
        CliResult resumed = Tool.Run("train", "--model", "TinyFcn8s", "--images", "8", "--batch", "4", "--epochs", "2",
            "--out", runs, "--device", "cpu", "--json", "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        JsonElement[] resumedEvents = JsonLines(resumed.Out);
        Assert.Equal(new long[] { 3, 4 }, resumedEvents.Where(e => Kind(e) == "step").Select(e => e.GetProperty("step").GetInt64()));
        double lastMeanIU = resumedEvents.Last(e => Kind(e) == "validation").GetProperty("mean_iu").GetDouble();

        // Resuming the finished run trains and validates nothing, and reports the checkpoint's last validation.
        CliResult finished = Tool.Run("train", "--model", "TinyFcn8s", "--images", "8", "--batch", "4", "--epochs", "2",
            "--out", runs, "--device", "cpu", "--json", "--resume");
        Assert.True(finished.ExitCode == 0, finished.Error);
        JsonElement finishedDone = Assert.Single(JsonLines(finished.Out));
        Assert.Equal(4, finishedDone.GetProperty("steps").GetInt64());
        Assert.Equal(lastMeanIU, finishedDone.GetProperty("mean_iu").GetDouble());
        Assert.Equal(JsonValueKind.Number, finishedDone.GetProperty("best_mean_iu").ValueKind);

        // Evaluation: the four metrics and one IU per synthetic class (background, circle, square, triangle).
        CliResult scored = Tool.Run("eval", "--model", "TinyFcn8s", "--weights", checkpoint, "--images", "4", "--device", "cpu", "--json");
        Assert.True(scored.ExitCode == 0, scored.Error);
        using (JsonDocument metrics = JsonDocument.Parse(scored.Out))
        {
            JsonElement root = metrics.RootElement;
            Assert.Equal(4, root.GetProperty("images").GetInt32());
            double pixelAccuracy = root.GetProperty("pixel_accuracy").GetDouble();
            Assert.InRange(pixelAccuracy, 0.0, 1.0);
            Assert.Equal(new[] { "background", "circle", "square", "triangle" },
                root.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        }

        // The same checkpoint through --assembly: the tool's own build output holds the generated TinyFcn8s.
        CliResult viaAssembly = Tool.Run("eval", "--assembly", typeof(FcnApp).Assembly.Location, "--model", "Fcn.Cli.TinyFcn8s",
            "--normalization", "torchvision", "--weights", checkpoint, "--images", "4", "--device", "cpu", "--json");
        Assert.True(viaAssembly.ExitCode == 0, viaAssembly.Error);
        Assert.Equal(scored.Out, viaAssembly.Out); // same weights, same images, same numbers

        // Prediction: a palette mask of the image's size and an overlay.
        // 72x64: TinyFcn8s needs about 64 pixels a side (its 5x5 fc6 must fit after five poolings).
        string image = WritePng(folder.Path, "photo.png", width: 72, height: 64);
        string predictions = Path.Combine(folder.Path, "predictions");
        CliResult predicted = Tool.Run("predict", image, "--model", "TinyFcn8s", "--weights", checkpoint, "--out", predictions, "--device", "cpu");
        Assert.True(predicted.ExitCode == 0, predicted.Error);
        IndexedImage mask = IndexedPngReader.Read(Path.Combine(predictions, "photo.png"));
        Assert.Equal((72, 64), (mask.Width, mask.Height));
        Assert.All(mask.Pixels, label => Assert.InRange(label, (byte)0, (byte)3)); // four classes
        Assert.True(File.Exists(Path.Combine(predictions, "photo_overlay.png")));

        // An image too small for the network is a one-line error that names it.
        string tiny = WritePng(folder.Path, "tiny.png", width: 16, height: 16);
        CliResult refused = Tool.Run("predict", tiny, "--model", "TinyFcn8s", "--weights", checkpoint, "--out", predictions, "--device", "cpu");
        Assert.Equal(1, refused.ExitCode);
        string line = Assert.Single(refused.ErrorLines);
        Assert.StartsWith("fcn: " + tiny + ": TinyFcn8s cannot run on this 16x16 image", line);
        Assert.DoesNotContain("frame #", line);
    }

    private static JsonElement[] JsonLines(string text) =>
        text.Split('\n', System.StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToArray();

    private static string Kind(JsonElement line) => line.GetProperty("event").GetString()!;

    private static string WritePng(string folder, string name, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 90, 160));
            using var paint = new SKPaint { Color = new SKColor(230, 200, 30) };
            canvas.DrawCircle(width / 2f, height / 2f, 12, paint);
        }

        string path = Path.Combine(folder, name);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
        return path;
    }
}
