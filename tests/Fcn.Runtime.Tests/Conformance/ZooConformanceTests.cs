using Xunit;

namespace Fcn.Runtime.Tests.Conformance;

// The reference zoo beyond VOC against PyTorch references written from shelhamer/fcn.berkeleyvision.org's
// nyud-fcn32s-color-hha/net.py, nyud-fcn32s-color-d/net.py and siftflow-fcn8s/net.py (make_fixtures.py,
// write_zoo). A model with several inputs is run through ForwardOutputs on one odd-sized tensor holding its
// inputs along the channels in declaration order (color 0..2, then hha 3..5 or depth 3), as the reference
// script splits it. Parameter counts are the hand counts of tests/Fcn.Dsl.Tests/Language/ZooSpecTests.cs.

public sealed class NyudFcn32sColorHhaModel()
    : ConformedModel("nyud-fcn32s-color-hha", new long[] { 1, 6, 37, 45 }, () => new NyudFcn32sColorHha());

public sealed class NyudFcn32sColorDModel()
    : ConformedModel("nyud-fcn32s-color-d", new long[] { 1, 4, 37, 45 }, () => new NyudFcn32sColorD());

public sealed class SiftFlowFcn8sModel()
    : ConformedModel("siftflow-fcn8s", new long[] { 1, 3, 37, 45 }, () => new SiftFlowFcn8s());

/// <summary>Two VGG16 trunks (2 x 134,260,544), two score_fr (2 x 163,880), one upscore (6,553,600).</summary>
public sealed class NyudFcn32sColorHhaConformance(NyudFcn32sColorHhaModel model)
    : ConformanceTests<NyudFcn32sColorHhaModel>(model, 275_402_448), IClassFixture<NyudFcn32sColorHhaModel>;

/// <summary>The VGG16 trunk with a 4-channel conv1_1_bgrd (134,260,544 + 576), score_fr 163,880, upscore 6,553,600.</summary>
public sealed class NyudFcn32sColorDConformance(NyudFcn32sColorDModel model)
    : ConformanceTests<NyudFcn32sColorDModel>(model, 140_978_600), IClassFixture<NyudFcn32sColorDModel>;

/// <summary>The VGG16 trunk (134,260,544), the semantic head at 33 classes (474,243), the geometric head at 3 (17,193).</summary>
public sealed class SiftFlowFcn8sConformance(SiftFlowFcn8sModel model)
    : ConformanceTests<SiftFlowFcn8sModel>(model, 134_751_980), IClassFixture<SiftFlowFcn8sModel>;
