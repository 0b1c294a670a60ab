using Xunit;

// Several test classes hold a VGG16-sized network (about 0.5 GB each) and every TorchSharp op already
// uses both cores: running classes one at a time is both lighter and no slower on the 2-core machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
