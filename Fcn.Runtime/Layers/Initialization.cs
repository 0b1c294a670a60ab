using System;
using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Fcn.Runtime.Layers;

/// <summary>
/// The weight initializations a spec can ask for (<c>init:</c>). Each works on a whole module and its
/// children, so the same call serves a single conv and a block. Biases always start at zero.
/// </summary>
public static class Initialization
{
    /// <summary>
    /// Every parameter becomes zero. FCN's new score layers start this way so that a finer net
    /// (FCN-16s) predicts exactly what its coarser parent (FCN-32s) did at the start of training.
    /// </summary>
    public static void Zeros(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (var (_, parameter) in module.named_parameters())
            parameter.zero_();
    }

    /// <summary>Convolution and linear weights drawn from Normal(0, <paramref name="std"/>), their biases zero.</summary>
    public static void Normal(nn.Module module, double std)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "A standard deviation is a non-negative number.");
        using var noGrad = no_grad();
        foreach (nn.Module layer in SelfAndDescendants(module))
        {
            var (weight, bias) = WeightAndBias(layer);
            if (weight is not null) nn.init.normal_(weight, 0.0, std);
            bias?.zero_();
        }
    }

    /// <summary>
    /// torchvision's ResNet initialization: Kaiming-normal convolution weights (fan-out, ReLU gain),
    /// batch-norm scale 1 and shift 0, biases zero.
    /// </summary>
    public static void KaimingNormal(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var noGrad = no_grad();
        foreach (nn.Module layer in SelfAndDescendants(module))
        {
            if (layer is BatchNorm2d norm)
            {
                norm.weight?.fill_(1.0);
                norm.bias?.zero_();
                continue;
            }
            var (weight, bias) = WeightAndBias(layer);
            if (weight is not null) nn.init.kaiming_normal_(weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
            bias?.zero_();
        }
    }

    /// <summary>
    /// The bilinear interpolation kernel on the channel diagonal (class i to class i), bias zero:
    /// an upsampling layer that starts as plain bilinear interpolation (paper, section 3.3).
    /// </summary>
    public static void Bilinear(ConvTranspose2d upsampling)
    {
        ArgumentNullException.ThrowIfNull(upsampling);
        Parameter weight = upsampling.weight ?? throw new ArgumentException("The transposed convolution has no weight.", nameof(upsampling));
        if (weight.dim() != 4 || weight.shape[2] != weight.shape[3])
            throw new ArgumentException(
                $"Bilinear initialization needs a square 2-D kernel; the weight has shape [{string.Join(", ", weight.shape)}].",
                nameof(upsampling));

        using var noGrad = no_grad();
        using Tensor kernel = BilinearKernel.Weight(weight.shape[0], weight.shape[1], weight.shape[2]);
        weight.copy_(kernel);
        upsampling.bias?.zero_();
    }

    /// <summary>The module and all modules below it. TorchSharp's <c>modules()</c>, unlike PyTorch's, leaves out the module itself.</summary>
    private static IEnumerable<nn.Module> SelfAndDescendants(nn.Module module)
    {
        yield return module;
        foreach (nn.Module descendant in module.modules())
            if (!ReferenceEquals(descendant, module)) yield return descendant;
    }

    private static (Parameter? Weight, Parameter? Bias) WeightAndBias(nn.Module layer) => layer switch
    {
        Convolution convolution => (convolution.weight, convolution.bias),
        Convolution2d convolution => (convolution.weight, convolution.bias),
        Linear linear => (linear.weight, linear.bias),
        _ => (null, null),
    };
}
