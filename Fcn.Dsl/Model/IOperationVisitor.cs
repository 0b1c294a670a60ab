namespace Fcn.Dsl.Model;

/// <summary>
/// One method per operation of the language. Every backend (the C# emitter, the analyses, the summary
/// and the drawing, the ONNX and PyTorch exports) implements it, so a new <see cref="NodeOperation"/>
/// is a compile error in each backend until that backend handles it: no switch falls through silently.
/// Each method receives the node (name, inputs, analysis) with its operation already cast.
/// </summary>
/// <typeparam name="TResult">What the backend makes of one node.</typeparam>
public interface IOperationVisitor<out TResult>
{
    TResult VisitInput(Node node, InputOperation input);
    TResult VisitConv(Node node, ConvOperation conv);
    TResult VisitUpsample(Node node, UpsampleOperation upsample);
    TResult VisitBatchNorm(Node node, BatchNormOperation batchNorm);
    TResult VisitRelu(Node node, ReluOperation relu);
    TResult VisitPool(Node node, PoolOperation pool);
    TResult VisitDropout(Node node, DropoutOperation dropout);
    TResult VisitLocalResponseNorm(Node node, LocalResponseNormOperation lrn);
    TResult VisitScale(Node node, ScaleOperation scale);
    TResult VisitSum(Node node, SumOperation sum);
    TResult VisitConcat(Node node, ConcatOperation concat);
    TResult VisitResize(Node node, ResizeOperation resize);
    TResult VisitCrop(Node node, CropOperation crop);
    TResult VisitFcnHead(Node node, FcnHeadOperation head);
    TResult VisitResNet(Node node, ResNetOperation resnet);
    TResult VisitTap(Node node, TapOperation tap);
}
