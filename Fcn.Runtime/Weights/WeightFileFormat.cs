namespace Fcn.Runtime.Weights;

/// <summary>The on-disk formats of a state dict.</summary>
public enum WeightFileFormat
{
    /// <summary>PyTorch's <c>torch.save</c> zip format (<c>.pt</c>, <c>.pth</c>), readable by <c>torch.load</c>.</summary>
    PyTorch,
    /// <summary>Hugging Face safetensors (<c>.safetensors</c>).</summary>
    Safetensors,
}
