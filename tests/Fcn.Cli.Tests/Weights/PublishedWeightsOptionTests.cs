using System.IO;
using Fcn.Cli.Tests.Support;
using Xunit;

namespace Fcn.Cli.Tests.Weights;

/// <summary>
/// <c>--weights published[:NAME]</c> in train, eval and predict: which file it means, that it is taken from
/// the cache (no download when it is there), and the errors that say what to do instead.
/// </summary>
public sealed class PublishedWeightsOptionTests
{
    [Fact]
    public void Eval_takes_the_models_own_published_file_from_the_cache()
    {
        // Not a real state dict: the load fails, naming the cached file, which proves the resolution (and
        // that nothing was downloaded: no server exists, and download.pytorch.org is not reachable here).
        using var folder = new TempFolder();
        string cache = Path.Combine(folder.Path, "cache");
        Directory.CreateDirectory(cache);
        string cached = Path.Combine(cache, "fcn_resnet50_coco-1167a1af.pth");
        File.WriteAllBytes(cached, new byte[64]);

        CliResult result = Tool.Run("eval", "--model", "FcnResNet50", "--weights", "published", "--weights-cache", cache, "--images", "1", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(" + cached + ")", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Train_starts_a_vgg_net_from_its_imagenet_file_by_name()
    {
        using var folder = new TempFolder();
        string cache = Path.Combine(folder.Path, "cache");
        Directory.CreateDirectory(cache);
        string cached = Path.Combine(cache, "vgg16-397923af.pth");
        File.WriteAllBytes(cached, new byte[64]);

        CliResult result = Tool.Run("train", "--model", "Fcn32s", "--weights", "published:imagenet", "--weights-cache", cache, "--images", "8", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(" + cached + ")", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_failed_download_says_to_run_fcn_weights_pull()
    {
        using var folder = new TempFolder();
        using var server = new Fcn.Runtime.Tests.Weights.Published.LoopbackFileServer(new System.Collections.Generic.Dictionary<string, byte[]>());

        CliResult result = Tool.Run("eval", "--model", "FcnResNet101", "--weights", "published:coco_voc", "--weights-cache", Path.Combine(folder.Path, "cache"),
            "--weights-mirror", server.BaseUrl.AbsoluteUri, "--images", "1", "--device", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("answered 404 Not Found", result.ErrorLines[^1]);
        Assert.EndsWith("To download it on its own first: fcn weights pull FcnResNet101 --name coco_voc.", result.ErrorLines[^1]);
    }

    [Fact]
    public void Eval_refuses_an_imagenet_classifier_and_a_model_that_publishes_nothing()
    {
        CliResult backbone = Tool.Run("eval", "--model", "Fcn8s", "--weights", "published", "--images", "1", "--device", "cpu");
        Assert.Equal(1, backbone.ExitCode);
        Assert.Contains("Fcn8s publishes only imagenet (vgg16-397923af.pth, for the backbone)", Assert.Single(backbone.ErrorLines));
        Assert.Contains("to score or run the model, train it first", backbone.Error);

        CliResult none = Tool.Run("eval", "--model", "TinyFcn8s", "--weights", "published", "--images", "1", "--device", "cpu");
        Assert.Equal("fcn: --weights published: TinyFcn8s names no published weights (its spec tiny-fcn8s.fcn.yaml has no 'weights:'); pass a weights file instead.", Assert.Single(none.ErrorLines));

        CliResult unknown = Tool.Run("eval", "--model", "FcnResNet50", "--weights", "published:voc", "--images", "1", "--device", "cpu");
        Assert.Contains("FcnResNet50 publishes no weights named 'voc'; it publishes coco_voc (fcn_resnet50_coco-1167a1af.pth, for the model), imagenet (resnet50-0676ba61.pth, for the backbone).", Assert.Single(unknown.ErrorLines));
    }
}
