using Fcn.Generator.Emission;
using Fcn.Generator.Tests.Infrastructure;
using Xunit;

namespace Fcn.Generator.Tests.Emission;

/// <summary>The emitter's output for hand-built models, one per group of language features, against reviewed snapshots.</summary>
public sealed class ModelEmitterSnapshotTests
{
    [Fact]
    public void Written_out_layers_with_parameters_fusions_and_crop() =>
        Snapshot.Verify(ModelEmitter.Emit(HandBuiltModels.TinyFcn8s()));

    [Fact]
    public void ResNet_trunk_with_fcn_heads_resize_and_auxiliary_output() =>
        Snapshot.Verify(ModelEmitter.Emit(HandBuiltModels.ResNetWithAuxiliary()));

    [Fact]
    public void Scale_concat_batchnorm_lrn_fixed_upsampling_and_valid_crop() =>
        Snapshot.Verify(ModelEmitter.Emit(HandBuiltModels.Features()));
}
