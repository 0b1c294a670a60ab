namespace Fcn.Benchmarks.Runtime;

/// <summary>The networks the runtime benchmarks time, each generated from its example spec and written by hand.</summary>
public enum ModelKind
{
    /// <summary>examples/specs/tiny-fcn8s.fcn.yaml: the CPU-sized FCN-8s of the quick start (4 classes).</summary>
    TinyFcn8s,

    /// <summary>examples/specs/fcn8s.fcn.yaml: FCN-8s on VGG16, Caffe layout (pad 100, 21 classes).</summary>
    Fcn8sVgg16,

    /// <summary>examples/specs/fcn-resnet50.fcn.yaml: torchvision's fcn_resnet50 with the auxiliary head (21 classes).</summary>
    FcnResNet50,
}

/// <summary>The names under which a model appears in tables, on command lines and in the PyTorch script.</summary>
public static class ModelKinds
{
    /// <summary>The short name shared with benchmarks/pytorch_eager.py.</summary>
    public static string Key(this ModelKind kind) => kind switch
    {
        ModelKind.TinyFcn8s => "tiny",
        ModelKind.Fcn8sVgg16 => "fcn8s",
        ModelKind.FcnResNet50 => "resnet50",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string DisplayName(this ModelKind kind) => kind switch
    {
        ModelKind.TinyFcn8s => "TinyFcn8s",
        ModelKind.Fcn8sVgg16 => "FCN-8s VGG16",
        ModelKind.FcnResNet50 => "FCN-ResNet50 (+aux)",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ModelKind Parse(string key) => key switch
    {
        "tiny" => ModelKind.TinyFcn8s,
        "fcn8s" => ModelKind.Fcn8sVgg16,
        "resnet50" => ModelKind.FcnResNet50,
        _ => throw new System.ArgumentException("Unknown model '" + key + "' (tiny, fcn8s, resnet50).", nameof(key)),
    };
}
