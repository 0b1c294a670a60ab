using System.Collections.Generic;
using Fcn.Dsl.Model;

namespace Fcn.Generator.Emission;

/// <summary>How one module node is declared and built: its field type, the expression that creates it,
/// and the statements that initialize its weights.</summary>
internal sealed record ModuleDeclaration(string FieldType, string Creation, IReadOnlyList<string> Initialization);

/// <summary>
/// Turns each module operation into TorchSharp construction code with literal constants. Arguments
/// equal to TorchSharp's defaults are left out so that a line reads like hand-written code; everything
/// else is passed by name so that the numbers explain themselves.
/// </summary>
internal static class ModuleFactory
{
    /// <summary>The declaration of a module node (<see cref="NodeOperation.IsModule"/>), whose field is <paramref name="field"/>.</summary>
    /// <exception cref="System.InvalidOperationException">The node is not a module: forward computes it inline.</exception>
    public static ModuleDeclaration Declare(Node node, string field) => node.Accept(new Declarations(field));

    /// <summary>One declaration per module operation; the others are computed in forward and have none.</summary>
    private sealed class Declarations : IOperationVisitor<ModuleDeclaration>
    {
        private readonly string field;

        public Declarations(string field) => this.field = field;

        public ModuleDeclaration VisitConv(Node node, ConvOperation conv) =>
            new(TypeNames.Convolution2d, Conv(conv), ConvInitialization(conv, field));

        public ModuleDeclaration VisitUpsample(Node node, UpsampleOperation upsample) => Upsample(upsample, field);

        public ModuleDeclaration VisitBatchNorm(Node node, BatchNormOperation batchNorm) =>
            new(TypeNames.Modules + ".BatchNorm2d", BatchNorm(batchNorm), None);

        public ModuleDeclaration VisitRelu(Node node, ReluOperation relu) =>
            new(TypeNames.Modules + ".ReLU", TypeNames.Nn + ".ReLU()", None);

        public ModuleDeclaration VisitPool(Node node, PoolOperation pool) =>
            new(TypeNames.Modules + (pool.Pool == PoolKind.Max ? ".MaxPool2d" : ".AvgPool2d"), Pool(pool), None);

        public ModuleDeclaration VisitDropout(Node node, DropoutOperation dropout) =>
            new(TypeNames.Modules + ".Dropout", TypeNames.Nn + ".Dropout(p: " + Expressions.Scalar(dropout.Probability) + ")", None);

        public ModuleDeclaration VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn) =>
            new(TypeNames.Modules + ".LocalResponseNorm", LocalResponseNorm(lrn), None);

        public ModuleDeclaration VisitFcnHead(Node node, FcnHeadOperation head) =>
            new(TypeNames.Modules + ".Sequential", FcnHead(head), None);

        public ModuleDeclaration VisitResNet(Node node, ResNetOperation resnet) =>
            new(TypeNames.ResNetBackbone, ResNet(resnet), None);

        public ModuleDeclaration VisitInput(Node node, InputOperation input) => throw NotAModule(node);
        public ModuleDeclaration VisitScale(Node node, ScaleOperation scale) => throw NotAModule(node);
        public ModuleDeclaration VisitSum(Node node, SumOperation sum) => throw NotAModule(node);
        public ModuleDeclaration VisitConcat(Node node, ConcatOperation concat) => throw NotAModule(node);
        public ModuleDeclaration VisitResize(Node node, ResizeOperation resize) => throw NotAModule(node);
        public ModuleDeclaration VisitCrop(Node node, CropOperation crop) => throw NotAModule(node);
        public ModuleDeclaration VisitTap(Node node, TapOperation tap) => throw NotAModule(node);

        private static System.InvalidOperationException NotAModule(Node node) =>
            new("Node '" + node.Name + "' (" + node.Operation.Kind + ") is not a module: forward computes it inline.");
    }

    private static readonly IReadOnlyList<string> None = new string[0];

    private static string Conv(ConvOperation conv)
    {
        var arguments = new List<string>
        {
            "in_channels: " + Expressions.Channels(conv.In),
            "out_channels: " + Expressions.Channels(conv.Out),
            "kernel_size: " + CSharpLiterals.Int(conv.Kernel),
        };
        // Defaults are omitted, which also keeps `padding: 0` from matching the Padding-enum overload.
        if (conv.Stride != 1) arguments.Add("stride: " + CSharpLiterals.Int(conv.Stride));
        if (conv.Pad != 0) arguments.Add("padding: " + CSharpLiterals.Int(conv.Pad));
        if (conv.Dilation != 1) arguments.Add("dilation: " + CSharpLiterals.Int(conv.Dilation));
        if (conv.Groups != 1) arguments.Add("groups: " + CSharpLiterals.Int(conv.Groups));
        if (!conv.Bias) arguments.Add("bias: false");
        return "new " + TypeNames.Convolution2d + "(" + string.Join(", ", arguments) + ")";
    }

    private static IReadOnlyList<string> ConvInitialization(ConvOperation conv, string field) =>
        WeightInitialization(conv.Init, field, conv.InitStd) is { } statement ? new[] { statement } : None;

    /// <summary>
    /// The statement that initializes a layer's weights as asked, or null to keep TorchSharp's own (PyTorch's)
    /// initialization: for <c>default</c>, for <c>bilinear</c> (which only upsampling builds, in its factory),
    /// and for <c>normal</c> without a standard deviation to draw with.
    /// </summary>
    private static string? WeightInitialization(InitKind init, string field, ScalarValue? std) => init switch
    {
        InitKind.Zeros => TypeNames.Initialization + ".Zeros(" + field + ");",
        InitKind.Normal when std is { } deviation => TypeNames.Initialization + ".Normal(" + field + ", std: " + Expressions.Scalar(deviation) + ");",
        InitKind.Kaiming => TypeNames.Initialization + ".KaimingNormal(" + field + ");",
        _ => null,
    };

    private static ModuleDeclaration Upsample(UpsampleOperation upsample, string field)
    {
        string channels = Expressions.Channels(upsample.Channels);
        const string type = TypeNames.Modules + ".ConvTranspose2d";
        if (upsample.Init == InitKind.Bilinear)
        {
            string creation = TypeNames.Upsampling + ".Transposed(channels: " + channels
                + ", kernel: " + CSharpLiterals.Int(upsample.Kernel)
                + ", stride: " + CSharpLiterals.Int(upsample.Stride)
                + ", padding: " + CSharpLiterals.Int(upsample.Pad)
                + ", bias: " + CSharpLiterals.Bool(upsample.Bias)
                + ", learnable: " + CSharpLiterals.Bool(upsample.Learnable) + ")";
            return new ModuleDeclaration(type, creation, None);
        }

        // Another initialization was asked for: a plain transposed convolution, initialized as asked.
        var arguments = new List<string>
        {
            "in_channels: " + channels,
            "out_channels: " + channels,
            "kernel_size: " + CSharpLiterals.Int(upsample.Kernel),
            "stride: " + CSharpLiterals.Int(upsample.Stride),
        };
        if (upsample.Pad != 0) arguments.Add("padding: " + CSharpLiterals.Int(upsample.Pad));
        arguments.Add("bias: " + CSharpLiterals.Bool(upsample.Bias));
        // UpsampleOperation carries no standard deviation, so `normal` has nothing to draw with and keeps the default.
        var initialization = new List<string>();
        if (WeightInitialization(upsample.Init, field, std: null) is { } statement) initialization.Add(statement);
        if (!upsample.Learnable) initialization.Add(field + ".weight!.requires_grad = false;");
        return new ModuleDeclaration(type, TypeNames.Nn + ".ConvTranspose2d(" + string.Join(", ", arguments) + ")", initialization);
    }

    private static string BatchNorm(BatchNormOperation batchNorm)
    {
        string text = TypeNames.Nn + ".BatchNorm2d(num_features: " + Expressions.Channels(batchNorm.Channels);
        if (batchNorm.Eps != 1e-5) text += ", eps: " + CSharpLiterals.Double(batchNorm.Eps);
        if (batchNorm.Momentum != 0.1) text += ", momentum: " + CSharpLiterals.Double(batchNorm.Momentum);
        return text + ")";
    }

    private static string Pool(PoolOperation pool)
    {
        var arguments = new List<string>
        {
            "kernel_size: " + CSharpLiterals.Int(pool.Kernel),
            "stride: " + CSharpLiterals.Int(pool.Stride),
        };
        if (pool.Pad != 0) arguments.Add("padding: " + CSharpLiterals.Int(pool.Pad));
        if (pool.CeilMode) arguments.Add("ceil_mode: true");
        return TypeNames.Nn + (pool.Pool == PoolKind.Max ? ".MaxPool2d(" : ".AvgPool2d(") + string.Join(", ", arguments) + ")";
    }

    private static string LocalResponseNorm(LocalResponseNormOperation lrn) =>
        TypeNames.Nn + ".LocalResponseNorm(size: " + CSharpLiterals.Int(lrn.Size)
        + ", alpha: " + CSharpLiterals.Double(lrn.Alpha)
        + ", beta: " + CSharpLiterals.Double(lrn.Beta)
        + ", k: " + CSharpLiterals.Double(lrn.K) + ")";

    private static string FcnHead(FcnHeadOperation head) =>
        TypeNames.FcnHead + ".Create(inChannels: " + Expressions.Channels(head.In)
        + ", channels: " + CSharpLiterals.Int(head.Channels)
        + ", classes: " + Expressions.Channels(head.Out)
        + ", dropout: " + Expressions.Scalar(head.Dropout) + ")";

    private static string ResNet(ResNetOperation resnet)
    {
        var flags = new List<string>();
        foreach (bool dilate in resnet.Dilation) flags.Add(CSharpLiterals.Bool(dilate));
        return "new " + TypeNames.ResNetBackbone + "(depth: " + CSharpLiterals.Int(resnet.Depth)
            + ", replaceStrideWithDilation: new[] { " + string.Join(", ", flags) + " })";
    }
}
