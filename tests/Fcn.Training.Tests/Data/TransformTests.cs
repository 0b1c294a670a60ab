using System.Linq;
using Fcn.Runtime.Data;
using Fcn.Runtime.Data.Batching;
using Fcn.Runtime.Data.Synthetic;
using Fcn.Runtime.Data.Transforms;
using Fcn.Training.Tests.Support;
using Xunit;
using static TorchSharp.torch;

namespace Fcn.Training.Tests.Data;

public sealed class TransformTests
{
    [Fact]
    public void Caffe_normalization_swaps_to_bgr_and_subtracts_the_mean()
    {
        // RGB (200, 100, 50) -> BGR (50, 100, 200) - (104.00699, 116.66877, 122.67892) = (-54.00699, -16.66877, 77.32108)
        using Tensor rgb = tensor(new float[] { 200, 100, 50 }, new long[] { 3, 1, 1 });
        using Tensor x = ImageNormalization.Caffe.Apply(rgb);
        float[] v = Tensors.Floats(x);
        Assert.Equal(-54.00699, v[0], 4);
        Assert.Equal(-16.66877, v[1], 4);
        Assert.Equal(77.32108, v[2], 4);
    }

    [Fact]
    public void Torchvision_normalization_scales_then_standardizes()
    {
        // (200/255 - 0.485)/0.229 = 1.307047; (100/255 - 0.456)/0.224 = -0.285014; (50/255 - 0.406)/0.225 = -0.932985
        using Tensor rgb = tensor(new float[] { 200, 100, 50 }, new long[] { 1, 3, 1, 1 });
        using Tensor x = ImageNormalization.TorchVision.Apply(rgb);
        float[] v = Tensors.Floats(x);
        Assert.Equal(1.307047, v[0], 5);
        Assert.Equal(-0.285014, v[1], 5);
        Assert.Equal(-0.932985, v[2], 5);
    }

    [Fact]
    public void Augmentation_keeps_masks_as_labels_and_aligned_with_the_image()
    {
        // The image's first channel carries the mask's labels (x 10). Nearest resampling for the mask and
        // bilinear for the image must keep them aligned: wherever the mask is label c, the image's value
        // is near 10c, and the mask never contains a value that was not there before.
        var synthetic = new SyntheticShapesDataset(new SyntheticShapesOptions(4, Seed: 5, Size: 32));
        var augmentation = new JointAugmentation(MinScale: 0.5, MaxScale: 2.0, CropSize: 24, HorizontalFlip: true);
        for (int i = 0; i < 4; i++)
        {
            using var scope = NewDisposeScope();
            SegmentationSample sample = synthetic.Load(i);
            Tensor labelsAsImage = sample.Mask.to(ScalarType.Float32).mul(10).unsqueeze(0).expand(3, -1, -1).contiguous();
            (Tensor image, Tensor mask) = augmentation.Apply(labelsAsImage, sample.Mask, new KeyedRandom(1, i));
            Assert.Equal(new long[] { 3, 24, 24 }, image.shape);
            Assert.Equal(new long[] { 24, 24 }, mask.shape);
            long[] allowed = Tensors.Longs(sample.Mask).Distinct().Append(255).ToArray();
            Assert.All(Tensors.Longs(mask), label => Assert.Contains(label, allowed));
        }
    }

    [Fact]
    public void Batches_are_padded_with_void()
    {
        using var scope = NewDisposeScope();
        var samples = new[]
        {
            ("a", zeros(3, 2, 3), zeros(new long[] { 2, 3 }, ScalarType.Int64)),
            ("b", ones(3, 4, 2), ones(new long[] { 4, 2 }, ScalarType.Int64)),
        };
        using SegmentationBatch batch = BatchCollator.Collate(samples);
        Assert.Equal(new long[] { 2, 3, 4, 3 }, batch.Images.shape);
        Assert.Equal(new long[] { 2, 4, 3 }, batch.Masks.shape);
        // Sample a is 2x3: rows 2..3 are padding; sample b is 4x2: column 2 is padding.
        long[] masks = Tensors.Longs(batch.Masks);
        Assert.Equal(new long[] { 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255 }, masks.Take(12));
        Assert.Equal(new long[] { 1, 1, 255, 1, 1, 255, 1, 1, 255, 1, 1, 255 }, masks.Skip(12));
    }

    [Fact]
    public void Synthetic_shapes_are_deterministic_and_cover_all_classes_and_void()
    {
        var a = new SyntheticShapesDataset(SyntheticShapesOptions.Train(20, 48));
        var b = new SyntheticShapesDataset(SyntheticShapesOptions.Train(20, 48));
        var other = new SyntheticShapesDataset(SyntheticShapesOptions.Validation(20, 48));
        var seen = new System.Collections.Generic.HashSet<long>();
        for (int i = 0; i < 20; i++)
        {
            using var scope = NewDisposeScope();
            SegmentationSample x = a.Load(i), y = b.Load(i);
            Assert.True(Tensors.Identical(x.Image, y.Image));
            Assert.True(Tensors.Identical(x.Mask, y.Mask));
            foreach (long label in Tensors.Longs(x.Mask))
            {
                seen.Add(label);
            }

            Assert.InRange(Tensors.Floats(x.Image).Min(), 0f, 255f);
            Assert.InRange(Tensors.Floats(x.Image).Max(), 0f, 255f);
        }

        Assert.Equal(new long[] { 0, 1, 2, 3, 255 }, seen.OrderBy(v => v));
        using var s = NewDisposeScope();
        Assert.False(Tensors.Identical(a.Load(0).Image, other.Load(0).Image));
    }
}
